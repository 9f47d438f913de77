/**
 * Mini-apps as the hub, the SDK and the CLI see them: the manifest of a package (validated with
 * errors naming the field), the permissions an app may ask for, the events it is given and the
 * result it answers, and the HTTP bodies of the mini-app routes.
 */
import { type Static, type TSchema, Type } from 'typebox';
import { Value } from 'typebox/value';
import { CardSchema } from './cards.js';
import { type Language, LanguageSchema, languages } from './languages.js';

/** What an app may ask to use; each needs the household's grant. */
export const miniAppPermissions = [
  'storage',
  'network',
  'devices.read',
  'devices.control',
  'timers',
  'notifications',
  'payments',
  'location',
] as const;
/** One permission. */
export type MiniAppPermission = (typeof miniAppPermissions)[number];

/** The permission each host method needs. */
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
} as const satisfies Record<string, MiniAppPermission>;
/** A host method's name. */
export type HostMethod = keyof typeof hostMethodPermissions;
const PermissionSchema = Type.Union([
  Type.Literal('storage'),
  Type.Literal('network'),
  Type.Literal('devices.read'),
  Type.Literal('devices.control'),
  Type.Literal('timers'),
  Type.Literal('notifications'),
  Type.Literal('payments'),
  Type.Literal('location'),
]);

/** The platform's limits: sizes of a package and the most an app's `resources` may ask for. */
export const miniAppLimits = {
  packageBytes: 2 * 1024 * 1024,
  bundleBytes: 1024 * 1024,
  manifestBytes: 64 * 1024,
  memoryMb: { default: 32, min: 16, max: 64 },
  cpuMsPerEvent: { default: 100, max: 1000 },
  storageKb: { default: 256, max: 1024 },
  /** A reply's speech, in characters. */
  speechChars: 600,
  /** A reply's card as JSON, in bytes. */
  cardBytes: 16 * 1024,
} as const;

const text = (max: number) => Type.String({ minLength: 1, maxLength: max });
/** One text per language; English is required. */
const perLanguage = <T extends TSchema>(schema: T) =>
  Type.Object(
    {
      en: schema,
      zh: Type.Optional(schema),
      it: Type.Optional(schema),
      fr: Type.Optional(schema),
    },
    { additionalProperties: false },
  );

/** A value of a list slot and the words that say it. */
export const MiniAppSlotValueSchema = Type.Object(
  { text: text(60), value: Type.String({ minLength: 1, maxLength: 60 }) },
  { additionalProperties: false },
);

/**
 * A slot of an intent: `number` and `duration` are read as numbers (the slot must then be named
 * `number` or `duration`), `list` takes the values given per language, `text` any words.
 */
export const MiniAppSlotSchema = Type.Object(
  {
    type: Type.Union([
      Type.Literal('list'),
      Type.Literal('text'),
      Type.Literal('number'),
      Type.Literal('duration'),
    ]),
    values: Type.Optional(perLanguage(Type.Array(MiniAppSlotValueSchema, { minItems: 1, maxItems: 200 }))),
  },
  { additionalProperties: false },
);

/** An intent of the app: its slots and sample sentences per language (the assistant's template syntax). */
export const MiniAppIntentSchema = Type.Object(
  {
    name: Type.String({ pattern: '^[a-z][a-z0-9_]{0,39}$' }),
    slots: Type.Optional(Type.Record(Type.String({ pattern: '^[a-z][a-z0-9_]{0,29}$' }), MiniAppSlotSchema)),
    sentences: perLanguage(Type.Array(text(200), { minItems: 1, maxItems: 50 })),
  },
  { additionalProperties: false },
);

/** What a package declares about its app. */
export const MiniAppManifestSchema = Type.Object(
  {
    /** Reverse-DNS-like: `com.kiki.chicken`. */
    id: Type.String({ pattern: '^[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)+$', maxLength: 80 }),
    /** Semantic version: `1.2.3`, optionally `-pre`. */
    version: Type.String({
      pattern: '^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(-[0-9A-Za-z.-]+)?$',
      maxLength: 40,
    }),
    name: perLanguage(text(60)),
    description: perLanguage(text(500)),
    /** What the household says to open it ("Kiki Chicken", "琪琪炸鸡"). */
    invocation: perLanguage(Type.Array(text(40), { minItems: 1, maxItems: 5 })),
    intents: Type.Array(MiniAppIntentSchema, { maxItems: 50 }),
    permissions: Type.Array(
      Type.Object(
        {
          name: PermissionSchema,
          reason: perLanguage(text(200)),
        },
        { additionalProperties: false },
      ),
      { maxItems: miniAppPermissions.length },
    ),
    network: Type.Optional(
      Type.Object(
        {
          /** Hosts (`api.example.com`, `127.0.0.1:8080`) the app may fetch through the hub. */
          allowlist: Type.Array(Type.String({ pattern: '^[a-z0-9.-]+(:\\d{1,5})?$', maxLength: 255 }), {
            maxItems: 20,
          }),
        },
        { additionalProperties: false },
      ),
    ),
    resources: Type.Optional(
      Type.Object(
        {
          memoryMb: Type.Optional(
            Type.Integer({ minimum: miniAppLimits.memoryMb.min, maximum: miniAppLimits.memoryMb.max }),
          ),
          cpuMsPerEvent: Type.Optional(
            Type.Integer({ minimum: 10, maximum: miniAppLimits.cpuMsPerEvent.max }),
          ),
          storageKb: Type.Optional(Type.Integer({ minimum: 1, maximum: miniAppLimits.storageKb.max })),
        },
        { additionalProperties: false },
      ),
    ),
    payments: Type.Optional(
      Type.Object(
        {
          merchantId: Type.String({ minLength: 1, maxLength: 64 }),
          /** The most one order may cost, in minor units of the merchant's currency. */
          maxPerOrder: Type.Integer({ minimum: 1 }),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
/** A package's manifest. */
export type MiniAppManifest = Static<typeof MiniAppManifestSchema>;
/** One intent of a manifest. */
export type MiniAppIntent = Static<typeof MiniAppIntentSchema>;

/** A manifest problem: the field (a JSON pointer-like path) and what is wrong. */
export interface ManifestIssue {
  field: string;
  reason: string;
}

function issueOf(error: {
  keyword: string;
  instancePath: string;
  params: unknown;
  message: string;
}): ManifestIssue {
  const params = (error.params ?? {}) as Record<string, unknown>;
  const base = error.instancePath.replace(/^\//, '');
  const join = (name: unknown) => (base ? `${base}/${String(name)}` : String(name));
  if (error.keyword === 'required' && Array.isArray(params.requiredProperties))
    return { field: join(params.requiredProperties[0]), reason: 'is required' };
  if (error.keyword === 'additionalProperties' && Array.isArray(params.additionalProperties))
    return { field: join(params.additionalProperties[0]), reason: 'is not a known field' };
  if (error.keyword === 'pattern' && base === 'id')
    return { field: 'id', reason: 'must be reverse-DNS-like, lower case (com.example.app)' };
  if (error.keyword === 'pattern' && base === 'version')
    return { field: 'version', reason: 'must be a semantic version (1.2.3)' };
  if (error.keyword === 'anyOf' && /^permissions\/\d+\/name$/.test(base))
    return { field: base, reason: `must be one of ${miniAppPermissions.join(', ')}` };
  return { field: base || 'manifest', reason: error.message };
}

/** Rules a schema cannot say: slot types, sentence slots, permissions the features need. */
function semanticIssues(manifest: MiniAppManifest): ManifestIssue[] {
  const issues: ManifestIssue[] = [];
  const granted = new Set(manifest.permissions.map((p) => p.name));
  manifest.permissions.forEach((p, i) => {
    if (manifest.permissions.findIndex((q) => q.name === p.name) !== i)
      issues.push({ field: `permissions/${i}/name`, reason: `${p.name} is listed twice` });
  });
  if (granted.has('network') && !manifest.network?.allowlist.length)
    issues.push({ field: 'network/allowlist', reason: 'the network permission needs at least one host' });
  if (manifest.network?.allowlist.length && !granted.has('network'))
    issues.push({ field: 'network', reason: 'an allowlist needs the network permission' });
  if (granted.has('payments') && !manifest.payments)
    issues.push({ field: 'payments', reason: 'the payments permission needs a merchantId and maxPerOrder' });
  if (manifest.payments && !granted.has('payments'))
    issues.push({ field: 'payments', reason: 'payments need the payments permission' });
  const seen = new Set<string>();
  manifest.intents.forEach((intent, i) => {
    if (seen.has(intent.name))
      issues.push({ field: `intents/${i}/name`, reason: `${intent.name} is declared twice` });
    seen.add(intent.name);
    for (const [slot, spec] of Object.entries(intent.slots ?? {})) {
      if ((spec.type === 'number' || spec.type === 'duration') && slot !== spec.type)
        issues.push({
          field: `intents/${i}/slots/${slot}`,
          reason: `a ${spec.type} slot must be named {${spec.type}}`,
        });
      if (spec.type === 'list' && !spec.values)
        issues.push({ field: `intents/${i}/slots/${slot}/values`, reason: 'a list slot needs its values' });
    }
    for (const language of languages) {
      for (const [j, sentence] of (intent.sentences[language] ?? []).entries()) {
        for (const [, slot] of sentence.matchAll(/\{([^}]*)\}/g)) {
          const name = (slot ?? '').trim();
          if (!intent.slots || !(name in intent.slots))
            issues.push({
              field: `intents/${i}/sentences/${language}/${j}`,
              reason: `uses the slot {${name}} that the intent does not declare`,
            });
        }
      }
    }
  });
  return issues;
}

/** Check a manifest: the issues (empty when valid), each naming its field. */
export function validateManifest(value: unknown): ManifestIssue[] {
  if (!Value.Check(MiniAppManifestSchema, value)) {
    const errors = [...Value.Errors(MiniAppManifestSchema, value)].filter((e) => e.keyword !== 'boolean');
    const issues = errors.map(issueOf);
    // "anyOf" detail comes after its branches; keep the first issue per field.
    const byField = new Map<string, ManifestIssue>();
    for (const issue of issues)
      if (!byField.has(issue.field) || /one of/.test(issue.reason)) byField.set(issue.field, issue);
    return [...byField.values()];
  }
  return semanticIssues(value);
}

/** The statuses of an uploaded version. */
export const miniAppVersionStatuses = ['in_review', 'published', 'rejected', 'superseded'] as const;
/** A version's status: in review, published (the catalog's), rejected with a reason, or an earlier published one. */
export type MiniAppVersionStatus = (typeof miniAppVersionStatuses)[number];
const VersionStatusSchema = Type.Union([
  Type.Literal('in_review'),
  Type.Literal('published'),
  Type.Literal('rejected'),
  Type.Literal('superseded'),
]);

/** One automated check run on upload. */
export const MiniAppCheckSchema = Type.Object({
  name: Type.String(),
  ok: Type.Boolean(),
  detail: Type.String(),
});

/** A version of an app as the API shows it. */
export const MiniAppVersionSchema = Type.Object({
  version: Type.String(),
  status: VersionStatusSchema,
  reason: Type.Union([Type.String(), Type.Null()]),
  checks: Type.Array(MiniAppCheckSchema),
  permissions: Type.Array(Type.String()),
  packageBytes: Type.Integer(),
  bundleBytes: Type.Integer(),
  uploadedAt: Type.Number(),
  reviewedAt: Type.Union([Type.Number(), Type.Null()]),
});

/** An app in a list: its name, who uploaded it and its published version. */
export const MiniAppSummarySchema = Type.Object({
  id: Type.String(),
  name: perLanguage(Type.String()),
  description: perLanguage(Type.String()),
  publishedVersion: Type.Union([Type.String(), Type.Null()]),
  latestVersion: Type.String(),
  latestStatus: VersionStatusSchema,
  /** Permissions of the published version (else of the latest), with their reasons. */
  permissions: Type.Array(Type.Object({ name: Type.String(), reason: perLanguage(Type.String()) })),
});

/** An app with its versions. */
export const MiniAppDetailSchema = Type.Object({
  ...MiniAppSummarySchema.properties,
  versions: Type.Array(MiniAppVersionSchema),
});

/** The answer to an upload. */
export const MiniAppUploadedSchema = Type.Object({
  appId: Type.String(),
  /** The same as appId (the issue's contract names it `id`). */
  id: Type.String(),
  version: Type.String(),
  status: Type.Literal('in_review'),
  checks: Type.Array(MiniAppCheckSchema),
});

/** An app installed in a home. */
export const MiniAppInstallSchema = Type.Object({
  appId: Type.String(),
  homeId: Type.String(),
  name: perLanguage(Type.String()),
  version: Type.String(),
  enabled: Type.Boolean(),
  grants: Type.Array(Type.String()),
  /** A newer published version, when one exists. */
  availableVersion: Type.Union([Type.String(), Type.Null()]),
  /** Permissions the newer version asks that are not granted yet (it waits for them). */
  pendingPermissions: Type.Array(Type.String()),
  installedAt: Type.Number(),
});

/** One line of an app's developer log. */
export const MiniAppLogEntrySchema = Type.Object({
  at: Type.Number(),
  level: Type.Union([
    Type.Literal('debug'),
    Type.Literal('info'),
    Type.Literal('warn'),
    Type.Literal('error'),
  ]),
  message: Type.String(),
  code: Type.Union([Type.String(), Type.Null()]),
  version: Type.String(),
  homeId: Type.Union([Type.String(), Type.Null()]),
});

/** An event delivered to an app's handler. */
export const MiniAppEventSchema = Type.Object({
  type: Type.Union([
    Type.Literal('launch'),
    Type.Literal('intent'),
    Type.Literal('payment'),
    Type.Literal('end'),
  ]),
  intent: Type.Optional(Type.String()),
  slots: Type.Optional(Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Null()]))),
  /** For `payment`: the outcome; the app never sees more. */
  payment: Type.Optional(
    Type.Object({
      status: Type.Union([Type.Literal('paid'), Type.Literal('cancelled'), Type.Literal('failed')]),
      orderId: Type.String(),
    }),
  ),
  language: LanguageSchema,
  homeId: Type.String(),
  session: Type.String(),
});

/** What an app's handler answers. */
export const MiniAppResultSchema = Type.Object(
  {
    speech: Type.String({ maxLength: miniAppLimits.speechChars }),
    card: Type.Optional(CardSchema),
    /** Ask a follow-up question: the next utterance fills `slot` (or answers yes/no with `confirm`). */
    ask: Type.Optional(
      Type.Union([
        Type.Object({
          slot: Type.String({ pattern: '^[a-z][a-z0-9_]{0,29}$' }),
          prompt: Type.Optional(Type.String()),
        }),
        Type.Literal('confirm'),
      ]),
    ),
    /** True ends the app's session: the conversation goes back to the assistant. */
    end: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
/** An event an app is given. */
export type MiniAppEvent = Static<typeof MiniAppEventSchema>;
/** What an app answers. */
export type MiniAppResult = Static<typeof MiniAppResultSchema>;
/** The name of an app in a language, English when it has none. */
export function miniAppText(
  text: Partial<Record<Language, string>> & { en: string },
  language: Language,
): string {
  return text[language] ?? text.en;
}
