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

/** A published app a household may install (a row of `GET /api/v1/miniapps` for a household). */
export interface CatalogueApp {
  appId: string;
  version: string;
  name: Localized;
  description: Localized;
  permissions: PermissionAsk[];
}

/** An app this home installed. */
export interface InstalledApp {
  appId: string;
  name: Localized;
  version: string;
  enabled: boolean;
  grants: string[];
  /** A newer published version, and the permissions it asks for that are not granted yet. */
  update: { version: string; newPermissions: string[] } | null;
}

const isObject = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);
const rows = (raw: unknown): Raw[] => (Array.isArray(raw) ? raw.filter(isObject) : []);
const localized = (v: unknown): Localized => (isObject(v) ? (v as Localized) : {});
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

export function readCatalogue(raw: unknown): CatalogueApp[] {
  return rows(raw)
    .filter((app) => typeof app.publishedVersion === 'string')
    .map((app) => ({
      appId: String(app.id ?? ''),
      version: String(app.publishedVersion),
      name: localized(app.name),
      description: localized(app.description),
      permissions: rows(app.permissions).map((p) => ({
        name: String(p.name ?? ''),
        reason: localized(p.reason),
      })),
    }));
}

export function readInstalled(raw: unknown): InstalledApp[] {
  return rows(raw).map((app) => {
    const available = typeof app.availableVersion === 'string' ? app.availableVersion : null;
    return {
      appId: String(app.appId ?? ''),
      name: localized(app.name),
      version: String(app.version ?? ''),
      enabled: app.enabled !== false,
      grants: strings(app.grants),
      update: available ? { version: available, newPermissions: strings(app.pendingPermissions) } : null,
    };
  });
}

/** A localized text in the screen's language, else English, else any. */
export function pick(text: Localized, language: Language): string {
  return text[language] ?? text.en ?? Object.values(text)[0] ?? '';
}
