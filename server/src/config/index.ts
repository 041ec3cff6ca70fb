export { CONFIG_VARIABLES, type ConfigVariable, LOG_LEVELS, DEFAULT_DASHBOARD_DIR } from './config-variables.js';
export {
  ConfigError,
  IRIS_CONFIG,
  configVariablesMarkdown,
  loadConfig,
  printableConfig,
  type IrisConfig,
} from './iris-config.js';
export { ConfigModule } from './config.module.js';
