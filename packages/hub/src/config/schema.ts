import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);
const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * Every setting of the hub, flat so that one key maps to one flag (--kebab-case),
 * one environment variable (GENIO_SNAKE_CASE) and one key in genio.yaml.
 */
export const configShape = {
  dataDir: z.string().min(1).default('./data').describe('Folder for the SQLite database and other state'),
  httpHost: z.string().min(1).default('0.0.0.0').describe('Address the HTTP server listens on'),
  httpPort: port.default(8700).describe('HTTP port (REST API, websocket, screen app, console)'),
  mqttHost: z.string().min(1).default('0.0.0.0').describe('Address the MQTT broker listens on'),
  mqttPort: port.default(1883).describe('MQTT port of the built-in broker'),
  mqttWsPort: port.optional().describe('Port for MQTT over websocket (off when unset)'),
  mqttMaxPayload: z.coerce
    .number()
    .int()
    .min(256)
    .max(16_777_216)
    .default(65_536)
    .describe('Largest MQTT payload in bytes'),
  dbUrl: z
    .string()
    .regex(/^(postgres(ql)?:\/\/|sqlite:)/, 'must start with postgres:// or sqlite:')
    .optional()
    .describe('postgres://... switches storage to PostgreSQL; default is SQLite in the data dir'),
  logLevel: z.enum(logLevels).default('info').describe('Log level'),
  adminToken: z
    .string()
    .min(16, 'must be at least 16 characters')
    .optional()
    .describe('Operator token (GENIO_ADMIN_TOKEN)'),
  natsUrl: z
    .string()
    .regex(/^nats:\/\//, 'must start with nats://')
    .optional()
    .describe('NATS URL for the bus between hubs'),
  secretKey: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters (32 bytes)')
    .optional()
    .describe(
      'Key that seals device secrets at rest; default: generated in <dataDir>/hub.key. Hubs sharing a database must share it',
    ),
  commandTimeoutMs: z.coerce
    .number()
    .int()
    .min(100)
    .max(120_000)
    .default(5000)
    .describe('How long the hub waits for a device to answer a command'),
  telemetryRetentionDays: z.coerce
    .number()
    .int()
    .min(0)
    .max(3650)
    .default(30)
    .describe('Days of telemetry history kept; 0 keeps none'),
  deviceRateLimit: z.coerce
    .number()
    .int()
    .min(1)
    .max(100_000)
    .default(50)
    .describe('Messages per second a device may send (bursts up to twice that)'),
  webDir: z
    .string()
    .min(1)
    .optional()
    .describe('Folder of the built screen app and console (default: packages/web/dist of this checkout)'),
  llmUrl: z
    .string()
    .url('must be a URL such as http://localhost:11434/v1')
    .optional()
    .describe(
      'OpenAI-compatible chat endpoint (base URL) for utterances the grammar does not match; off when unset',
    ),
  llmModel: z.string().min(1).default('gpt-4o-mini').describe('Model name sent to the LLM endpoint'),
  llmApiKey: z.string().min(1).optional().describe('Bearer key for the LLM endpoint, if it needs one'),
  llmTimeoutMs: z.coerce
    .number()
    .int()
    .min(500)
    .max(60_000)
    .default(8000)
    .describe('How long a turn waits for the LLM'),
  haDiscoveryUrl: z
    .string()
    .regex(/^mqtts?:\/\//, 'must start with mqtt:// or mqtts://')
    .optional()
    .describe('External MQTT broker whose Home Assistant discovery messages become Genio devices'),
  haHomeId: z
    .string()
    .min(1)
    .optional()
    .describe('Home that devices imported from Home Assistant discovery belong to'),
  haDiscoveryPrefix: z.string().min(1).default('homeassistant').describe('Discovery topic prefix'),
  wyomingPort: port
    .optional()
    .describe('Port of the Wyoming server (Home Assistant voice protocol: asr, tts, handle); off when unset'),
  wyomingHost: z
    .string()
    .min(1)
    .default('127.0.0.1')
    .describe('Address the Wyoming server listens on (Wyoming has no authentication: keep it local)'),
  wyomingHomeId: z
    .string()
    .min(1)
    .optional()
    .describe('Home the Wyoming server serves (its names shape recognition); default: the only home'),
  sttWyomingUrl: z
    .string()
    .regex(/^tcp:\/\/[^/]+:\d+\/?$/, 'must be tcp://host:port')
    .optional()
    .describe('Wyoming speech-to-text server (faster-whisper, speech-to-phrase), tried before pocketsphinx'),
  ttsWyomingUrl: z
    .string()
    .regex(/^tcp:\/\/[^/]+:\d+\/?$/, 'must be tcp://host:port')
    .optional()
    .describe('Wyoming text-to-speech server (piper), tried before espeak-ng'),
  publicUrl: z
    .string()
    .url()
    .optional()
    .describe('URL people use to reach this hub (shown in output and QR codes)'),
  paymentNetworkUrl: z
    .string()
    .url('must be a URL such as http://127.0.0.1:9400')
    .optional()
    .describe('External payment network (base URL); orders may be paid through it when set'),
  paymentNetworkKey: z
    .string()
    .min(16, 'must be at least 16 characters')
    .optional()
    .describe('API key the hub signs its requests to the payment network with'),
  paymentNetworkSecret: z
    .string()
    .min(16, 'must be at least 16 characters')
    .optional()
    .describe("Secret the payment network signs its webhooks with (checked on the hub's webhook route)"),
} as const;

/** The zod schema of the configuration. */
export const configSchema = z.object(configShape).strict();

/** The hub's resolved configuration. */
export type GenioConfig = z.infer<typeof configSchema>;
/** A key of the configuration. */
export type ConfigKey = keyof GenioConfig;
/** Partial input before defaults, as read from a file, the environment or flags. */
export type ConfigInput = Partial<Record<ConfigKey, unknown>>;
