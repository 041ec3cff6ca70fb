import { MESSAGE_GROUPS, type Messages } from './fr.js';

/** English texts: every group's English table (same keys as French, checked by type and by test). */
export const en: Messages = {
  ...MESSAGE_GROUPS.core.en,
  ...MESSAGE_GROUPS.wallboard.en,
  ...MESSAGE_GROUPS.agentPanel.en,
  ...MESSAGE_GROUPS.desk.en,
  ...MESSAGE_GROUPS.rotation.en,
  ...MESSAGE_GROUPS.admin.en,
  ...MESSAGE_GROUPS.intake.en,
};
