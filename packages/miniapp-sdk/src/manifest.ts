/**
 * The manifest of a mini-app (`manifest.json` in its package), as its author writes it. The hub
 * validates it with the shared schema of `@genio/contracts`; these declarations are the author's view
 * and a type test keeps the two in step.
 */

/** The languages Genio speaks. */
export const languages = ['zh', 'en', 'it', 'fr'] as const;
/** One of the languages Genio speaks. */
export type Language = (typeof languages)[number];

/** A text per language; English is required: `{ "en": "Kiki Chicken", "zh": "琪琪炸鸡" }`. */
export type Localized<T = string> = { en: T } & Partial<Record<Exclude<Language, 'en'>, T>>;

/** What an app may ask a household to grant. */
export const permissions = [
  'storage',
  'network',
  'devices.read',
  'devices.control',
  'timers',
  'notifications',
  'payments',
  'location',
] as const;
/** One permission of an app. */
export type Permission = (typeof permissions)[number];

/** The host method an app calls, and the permission the hub checks before it runs. */
export const hostMethodPermissions = {
  'storage.get': 'storage',
  'storage.set': 'storage',
  'storage.delete': 'storage',
  'storage.keys': 'storage',
  'network.fetch': 'network',
  'devices.list': 'devices.read',
  'devices.control': 'devices.control',
  'timers.start': 'timers',
  'timers.cancel': 'timers',
  'notifications.send': 'notifications',
  'payments.request': 'payments',
  'location.get': 'location',
} as const satisfies Record<string, Permission>;
/** A dotted host method name ("storage.get"). */
export type HostMethod = keyof typeof hostMethodPermissions;

/** A permission the app asks for, with why, in each language the app speaks (shown on the screen). */
export interface PermissionRequest {
  name: Permission;
  reason: Localized;
}

/** A value of a list slot: what the user says (`text`) and what the app receives (`value`). */
export interface SlotListValue {
  text: string;
  value: string;
}

/**
 * A slot of an intent: any words (`text`), a number or a duration in seconds (the slot is then named
 * `{number}` or `{duration}`), or one of listed values (`list`).
 */
export interface SlotDefinition {
  type: 'text' | 'number' | 'duration' | 'list';
  /** For `list`: the accepted values per language. */
  values?: Localized<SlotListValue[]>;
}

/**
 * An intent of the app: sentences per language in the assistant's template syntax (`(a|b)`
 * alternatives, `[x]` optional words, `{slot}` slots; see docs/intents.md).
 */
export interface IntentDefinition {
  name: string;
  slots?: Record<string, SlotDefinition>;
  sentences: Localized<string[]>;
}

/** What one app may use: engine memory, CPU per event, storage per home. */
export interface ResourceLimits {
  memoryMb: number;
  cpuMsPerEvent: number;
  storageKb: number;
}

/** A mini-app's manifest. */
export interface Manifest {
  /** Reverse-DNS style, lower case: `com.example.kiki`. */
  id: string;
  /** Semantic version: `1.2.0`. */
  version: string;
  name: Localized;
  description: Localized;
  /** The names a user calls the app by, per language ("open Kiki Chicken", "打开琪琪炸鸡"). */
  invocation: Localized<string[]>;
  intents: IntentDefinition[];
  permissions: PermissionRequest[];
  network?: { allowlist: string[] };
  resources?: Partial<ResourceLimits>;
  /** Who the app charges for and the most one order may cost, in minor units. */
  payments?: { merchantId: string; maxPerOrder: number };
}

/** The limits an app gets when its manifest names none. */
export const defaultResources: ResourceLimits = { memoryMb: 16, cpuMsPerEvent: 100, storageKb: 256 };
