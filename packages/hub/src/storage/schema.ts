import type { Generated } from 'kysely';

/** API tokens; only the SHA-256 of a token is stored. */
export interface TokensTable {
  id: string;
  name: string;
  role: string;
  home_id: string | null;
  /** For merchant tokens: the one merchant they act for. */
  merchant_id?: string | null;
  hash: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

/** A household's home. */
export interface HomesTable {
  id: string;
  name: string;
  language: string;
  /** Where the home is (for the nearest store); null when not given. */
  lat?: number | null;
  lon?: number | null;
  created_at: number;
  updated_at: number;
  /** The developer token whose test home this is; null (or absent before migration 006) for others. */
  owner_token_id?: string | null;
}

/** A room or zone of a home. Aliases are a JSON array of strings. */
export interface AreasTable {
  id: string;
  home_id: string;
  name: string;
  aliases: string;
  created_at: number;
  updated_at: number;
}

/** Small key-value settings owned by the hub (for example, whether first-run setup happened). */
export interface SettingsTable {
  key: string;
  value: string;
}

/** Migration bookkeeping kept by Kysely. */
export interface MigrationRow {
  name: string;
  timestamp: string;
}

/** A brand's product: its thing model (Alink TSL JSON) and capability mapping (JSON). */
export interface ProductsTable {
  product_key: string;
  name: string;
  category: string;
  thing_model: string;
  capabilities: string;
  owner_token_id: string | null;
  created_at: number;
  updated_at: number;
}

/** A device of a product in a home. `secret` is sealed with the hub's key; it is never returned by the API. */
export interface DevicesTable {
  id: string;
  product_key: string;
  device_name: string;
  home_id: string;
  area_id: string | null;
  name: string;
  aliases: string;
  secret: string;
  disabled: number;
  online: number;
  last_seen: number | null;
  created_at: number;
  updated_at: number;
  /** The hub holding the device's connection while it is online (several hubs may share a database). */
  session_hub: string | null;
  /** JSON: grammatical gender of the name per language; null when guessed from the name. */
  genders: string | null;
}

/** The shadow: last reported (or desired) value of each property, JSON-encoded. */
export interface DevicePropertiesTable {
  device_id: string;
  identifier: string;
  value: string;
  time: number;
}

/** Telemetry history, one row per reported property value. */
export interface TelemetryTable {
  device_id: string;
  identifier: string;
  value: string;
  time: number;
}

/** One-time pairing codes that a device or app exchanges for the device's credentials. */
export interface PairingCodesTable {
  code: string;
  device_id: string;
  expires_at: number;
  used_at: number | null;
}

/** Every table of Genio's one schema. Domain issues add theirs here with a migration. */
/** A kitchen timer that survives restarts. */
export interface TimersTable {
  id: string;
  home_id: string;
  name: string | null;
  language: string;
  seconds: number;
  ends_at: number;
  created_at: number;
}

/** A one-time code that pairs a speaker screen with a home (it becomes a household token). */
export interface ScreenPairingCodesTable {
  code: string;
  home_id: string;
  expires_at: number;
  used_at: number | null;
  created_at: number;
}

/** A conversation's state between turns (a pending question, the last request), shared by every hub. */
export interface ConversationsTable {
  id: string;
  home_id: string;
  /** JSON of the assistant's conversation state. */
  state: string;
  expires_at: number;
}

export interface Database {
  tokens: TokensTable;
  homes: HomesTable;
  areas: AreasTable;
  settings: SettingsTable;
  products: ProductsTable;
  devices: DevicesTable;
  device_properties: DevicePropertiesTable;
  device_desired: DevicePropertiesTable;
  telemetry: TelemetryTable;
  pairing_codes: PairingCodesTable;
  timers: TimersTable;
  screen_pairing_codes: ScreenPairingCodesTable;
  conversations: ConversationsTable;
  device_simulations: DeviceSimulationsTable;
}

/** A device the hub runs a simulator for, started again after a restart. */
export interface DeviceSimulationsTable {
  device_id: string;
  started_at: number;
}

export type { Generated };
