/**
 * Mini-apps as the screen reads them: the published catalogue (`GET /api/v1/miniapps`) and what this home
 * installed (`GET /api/v1/homes/{homeId}/miniapps`). Answers are read here only, so a renamed field
 * changes one file.
 */
import type { Language } from '../../lib/i18n.js';

type Localized = Partial<Record<Language, string>>;
type Raw = Record<string, unknown>;

/** A permission an app asks for, with its reason per language. */
export interface PermissionAsk {
  name: string;
  reason: Localized;
}

/** A published app a household may install. */
export interface CatalogueApp {
  appId: string;
  version: string;
  name: Localized;
  description: Localized;
  invocation: Partial<Record<Language, string[]>>;
  permissions: PermissionAsk[];
}

/** An app this home installed. */
export interface InstalledApp {
  appId: string;
  version: string;
  enabled: boolean;
  grants: string[];
  /** A newer published version, and the permissions it asks for that are not granted yet. */
  update: { version: string; newPermissions: string[] } | null;
}

const isObject = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);
const items = (raw: unknown): Raw[] =>
  (Array.isArray(raw) ? raw : isObject(raw) && Array.isArray(raw.items) ? raw.items : []).filter(isObject);

/** The manifest of the published version, wherever the hub put it. */
function publishedManifest(raw: Raw): Raw {
  if (isObject(raw.manifest)) return raw.manifest;
  const versions = Array.isArray(raw.versions) ? raw.versions.filter(isObject) : [];
  const published = versions.find((v) => v.status === 'published' && isObject(v.manifest));
  return published && isObject(published.manifest) ? published.manifest : raw;
}

export function readCatalogue(raw: unknown): CatalogueApp[] {
  return items(raw)
    .filter(
      (app) =>
        app.publishedVersion !== null &&
        (app.status === undefined || app.status === 'published' || app.publishedVersion),
    )
    .map((app) => {
      const manifest = publishedManifest(app);
      const permissions = Array.isArray(manifest.permissions) ? manifest.permissions.filter(isObject) : [];
      return {
        appId: String(app.appId ?? app.id ?? manifest.id ?? ''),
        version: String(app.publishedVersion ?? manifest.version ?? ''),
        name: (isObject(manifest.name) ? manifest.name : isObject(app.name) ? app.name : {}) as Localized,
        description: (isObject(manifest.description) ? manifest.description : {}) as Localized,
        invocation: (isObject(manifest.invocation) ? manifest.invocation : {}) as CatalogueApp['invocation'],
        permissions: permissions.map((p) => ({
          name: String(p.name ?? p.permission ?? ''),
          reason: (isObject(p.reason) ? p.reason : {}) as Localized,
        })),
      };
    });
}

export function readInstalled(raw: unknown): InstalledApp[] {
  return items(raw).map((app) => {
    const update = isObject(app.update) ? app.update : null;
    const available = typeof app.availableVersion === 'string' ? app.availableVersion : null;
    return {
      appId: String(app.appId ?? app.id ?? ''),
      version: String(app.version ?? ''),
      enabled: app.enabled !== false,
      grants: Array.isArray(app.grants) ? app.grants.map(String) : [],
      update: update
        ? {
            version: String(update.version ?? ''),
            newPermissions: Array.isArray(update.newPermissions) ? update.newPermissions.map(String) : [],
          }
        : available && available !== app.version
          ? { version: available, newPermissions: [] }
          : null,
    };
  });
}

/** A localized text in the screen's language, else English, else any. */
export function pick(text: Localized, language: Language): string {
  return text[language] ?? text.en ?? Object.values(text)[0] ?? '';
}
