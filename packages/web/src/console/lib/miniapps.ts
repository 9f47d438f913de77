/**
 * Mini-apps as the console reads them (`/api/v1/miniapps`, see docs/miniapps.md). The hub's answers are
 * read through `readApp`/`readVersion`, so a field the hub renames changes here only.
 */
import type { ConsoleApi } from './console-api.js';

/** The policy actions that open the mini-app pages (GET /api/v1/me `can`). */
export const MINIAPP_ACTIONS = { develop: 'miniapp.upload', review: 'miniapp.review' } as const;

export type Localized = Partial<Record<'en' | 'zh' | 'it' | 'fr', string>>;
export type VersionStatus = 'in_review' | 'published' | 'rejected' | 'superseded' | string;

/** An automated check the hub ran on an uploaded version. */
export interface Check {
  name: string;
  ok: boolean;
  detail: string | null;
}

/** A permission an app asks for, with the reason the household reads, per language. */
export interface PermissionRequest {
  name: string;
  reason: Localized;
}

/** One uploaded version (`MiniAppVersionSchema` of @genio/contracts). */
export interface AppVersion {
  version: string;
  status: VersionStatus;
  reason: string | null;
  uploadedAt: number | null;
  reviewedAt: number | null;
  packageBytes: number | null;
  bundleBytes: number | null;
  checks: Check[];
  /** The permissions this version asks for (names). */
  permissions: string[];
}

/** An app with its versions (`MiniAppDetailSchema`; a list row has no versions). */
export interface MiniApp {
  appId: string;
  name: Localized;
  description: Localized;
  publishedVersion: string | null;
  latestVersion: string | null;
  latestStatus: VersionStatus | null;
  /** Permissions of the published version (else the latest), with their reasons. */
  permissions: PermissionRequest[];
  versions: AppVersion[];
}

export interface LogLine {
  time: number;
  level: string;
  message: string;
  code: string | null;
  version: string | null;
}

type Raw = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);
const isObject = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The app's name in English, else any language, else its id. */
export function nameOf(app: { name: Localized; appId?: string }, language: keyof Localized = 'en'): string {
  return app.name[language] ?? app.name.en ?? Object.values(app.name)[0] ?? app.appId ?? '?';
}

export function readVersion(raw: Raw): AppVersion {
  const checks = Array.isArray(raw.checks) ? raw.checks.filter(isObject) : [];
  return {
    version: String(raw.version ?? ''),
    status: String(raw.status ?? ''),
    reason: str(raw.reason),
    uploadedAt: num(raw.uploadedAt),
    reviewedAt: num(raw.reviewedAt),
    packageBytes: num(raw.packageBytes),
    bundleBytes: num(raw.bundleBytes),
    checks: checks.map((c) => ({
      name: String(c.name ?? ''),
      ok: c.ok === true,
      detail: str(c.detail) || null,
    })),
    permissions: Array.isArray(raw.permissions) ? raw.permissions.map(String) : [],
  };
}

export function readApp(raw: Raw): MiniApp {
  const versions = Array.isArray(raw.versions) ? raw.versions.filter(isObject).map(readVersion) : [];
  const permissions = Array.isArray(raw.permissions) ? raw.permissions.filter(isObject) : [];
  return {
    appId: String(raw.id ?? raw.appId ?? ''),
    name: isObject(raw.name) ? (raw.name as Localized) : {},
    description: isObject(raw.description) ? (raw.description as Localized) : {},
    publishedVersion: str(raw.publishedVersion),
    latestVersion: str(raw.latestVersion) ?? versions[0]?.version ?? null,
    latestStatus: str(raw.latestStatus) ?? versions[0]?.status ?? null,
    permissions: permissions.map((p) => ({
      name: String(p.name ?? ''),
      reason: isObject(p.reason) ? (p.reason as Localized) : {},
    })),
    versions,
  };
}

const path = (appId: string) => `/api/v1/miniapps/${encodeURIComponent(appId)}`;

export async function listApps(api: ConsoleApi): Promise<MiniApp[]> {
  const raw = await api.get<Raw[] | { items: Raw[] }>('/api/v1/miniapps');
  return (Array.isArray(raw) ? raw : raw.items).map(readApp);
}

export async function getApp(api: ConsoleApi, appId: string): Promise<MiniApp> {
  return readApp(await api.get<Raw>(path(appId)));
}

export async function getLogs(api: ConsoleApi, appId: string): Promise<LogLine[]> {
  const raw = await api.get<Raw[] | { items: Raw[] }>(`${path(appId)}/logs`);
  return (Array.isArray(raw) ? raw : raw.items).map((l) => ({
    time: num(l.at) ?? 0,
    level: String(l.level ?? 'info'),
    message: String(l.message ?? ''),
    code: str(l.code),
    version: str(l.version),
  }));
}

export function uploadPackage(api: ConsoleApi, file: Blob) {
  return api.send<{ appId: string; version: string; status: string }>('POST', '/api/v1/miniapps', {
    body: file,
    contentType: 'application/octet-stream',
  });
}

export const publishVersion = (api: ConsoleApi, appId: string, version: string) =>
  api.post(`${path(appId)}/versions/${encodeURIComponent(version)}/publish`);
export const rejectVersion = (api: ConsoleApi, appId: string, version: string, reason: string) =>
  api.post(`${path(appId)}/versions/${encodeURIComponent(version)}/reject`, { reason });
export const rollBack = (api: ConsoleApi, appId: string, version: string) =>
  api.post(`${path(appId)}/rollback`, { version });

/** Bytes in words: "12.3 KB". */
export function formatBytes(bytes: number | null): string {
  if (bytes === null) return 'unknown';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(2)} MB`;
}

/** A review status in words. */
export function statusText(status: VersionStatus): string {
  return (
    { in_review: 'In review', published: 'Published', rejected: 'Rejected', superseded: 'Superseded' }[
      status
    ] ?? status
  );
}
