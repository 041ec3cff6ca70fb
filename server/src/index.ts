export { AppModule } from './app/app.module.js';
