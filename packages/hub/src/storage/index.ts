export { type Dialect, openStorage, type Storage, type StorageOptions } from './database.js';
export type { Migration } from './migration.js';
export { migrations } from './migrations/index.js';
export type {
  AreasTable,
  Database,
  DevicePropertiesTable,
  DevicesTable,
  HomesTable,
  PairingCodesTable,
  ProductsTable,
  SettingsTable,
  TelemetryTable,
  TokensTable,
} from './schema.js';
