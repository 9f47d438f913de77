export type {
  Card,
  ConfirmationCard,
  FormCard,
  FormField,
  ListCard,
  ListItem,
  MediaCard,
  ProductGridCard,
  ProductItem,
  TextCard,
} from './cards.js';
export { type AppHandlers, appFromHandlers, defineApp, type GenioGlobal, type GuestApp } from './define.js';
export type {
  AppEvent,
  AppEventType,
  AppReply,
  EndEvent,
  IntentEvent,
  JsonValue,
  LaunchEvent,
  PaymentEvent,
  PaymentOutcome,
  SlotValue,
} from './events.js';
export type { FetchResponse, Host, HostDevice } from './host.js';
export {
  defaultResources,
  type HostMethod,
  hostMethodPermissions,
  type IntentDefinition,
  type Language,
  type Localized,
  languages,
  type Manifest,
  type Permission,
  type PermissionRequest,
  permissions,
  type ResourceLimits,
  type SlotDefinition,
} from './manifest.js';
