export { type ConfigSources, loadConfig, parseConfigFlags } from './load.js';
export { envName, flagName } from './names.js';
export { type ConfigInput, type ConfigKey, configSchema, configShape, type GenioConfig } from './schema.js';
