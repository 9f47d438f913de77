/**
 * The contract between the hub and its clients (web, CLI, SDKs): each shape is a TypeBox schema, and
 * its TypeScript type is derived from it, so a validator and a type can never disagree.
 */
export {
  type CapabilityName,
  CapabilityNameSchema,
  type CapabilityState,
  CapabilityStateSchema,
  type CapabilityValues,
  CapabilityValuesSchema,
  type Category,
  capabilityNames,
  categories,
  type DeviceCapabilities,
  DeviceCapabilitiesSchema,
  type PropertyCapability,
  propertyCapabilities,
  type ServiceCapability,
  serviceCapabilities,
} from './capabilities.js';
export {
  type Card,
  CardSchema,
  type ConfirmationCard,
  type FormCard,
  type FormField,
  type ListCard,
  type ListItem,
  type MediaCard,
  type ProductGridCard,
  type ProductItem,
  type TextCard,
} from './cards.js';
export { type EventMessage, EventMessageSchema, eventPayloadSchemas, type ScreenEventMap } from './events.js';
export { isLanguage, type Language, LanguageSchema, languages } from './languages.js';
export {
  type ManifestIssue,
  MiniAppCheckSchema,
  MiniAppDetailSchema,
  type MiniAppEvent,
  MiniAppEventSchema,
  MiniAppInstallSchema,
  type MiniAppIntent,
  MiniAppIntentSchema,
  MiniAppLogEntrySchema,
  type MiniAppManifest,
  MiniAppManifestSchema,
  type MiniAppPermission,
  type MiniAppResult,
  MiniAppResultSchema,
  MiniAppSummarySchema,
  MiniAppUploadedSchema,
  MiniAppVersionSchema,
  type MiniAppVersionStatus,
  miniAppLimits,
  miniAppPermissions,
  miniAppText,
  miniAppVersionStatuses,
  validateManifest,
} from './miniapps.js';
export {
  type Area,
  AreaSchema,
  type Device,
  DeviceSchema,
  GenderSchema,
  type Home,
  HomeSchema,
  NameGendersSchema,
} from './resources.js';
export {
  type AudioTurnResponse,
  AudioTurnResponseSchema,
  type SpeechStatus,
  SpeechStatusSchema,
  type SynthesizeRequest,
  SynthesizeRequestSchema,
  type Transcript,
  TranscriptSchema,
} from './speech.js';
export {
  SlotSchema,
  type TurnRequest,
  TurnRequestSchema,
  type TurnResponse,
  TurnResponseSchema,
} from './turn.js';
