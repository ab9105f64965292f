export { ConfigError, type ConfigProblem } from './config-error.js';
export {
  DEFAULT_DATA_DIR,
  DEFAULT_HOST,
  DEFAULT_MAX_UPLOAD_MB,
  DEFAULT_PORT,
  LOG_LEVELS,
  type LogLevel,
  MIN_ADMIN_PASSWORD_LENGTH,
} from './config-schema.js';
export { CONFIG_SOURCES, type Config, type DatabaseConfig, loadConfig } from './load-config.js';
