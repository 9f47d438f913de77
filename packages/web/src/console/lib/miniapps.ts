/**
 * Mini-apps as the console reads them (`/api/v1/miniapps`, see docs/miniapps.md). The hub's answers are
 * read through `readApp`/`readVersion`, so a field the hub renames changes here only.
 */
import type { ConsoleApi } from './console-api.js';

/** The policy actions that open the mini-app pages (GET /api/v1/me `can`). */
export const MINIAPP_ACTIONS = { develop: 'miniapp.list', review: 'miniapp.review' } as const;

export type Localized = Partial<Record<'en' | 'zh' | 'it' | 'fr', string>>;
export type VersionStatus = 'in_review' | 'published' | 'rejected' | 'superseded' | string;

/** An automated check the hub ran on an uploaded version. */
export interface Check {
  name: string;
  ok: boolean;
  detail: string | null;
}

export interface PermissionRequest {
  name: string;
  reason: Localized;
}

/** The parts of a version's manifest the console shows. */
export interface ManifestView {
  id: string;
  version: string;
  name: Localized;
  description: Localized;
  invocation: Partial<Record<string, string[]>>;
  intents: Array<{ name: string; sentences: Partial<Record<string, string[]>> }>;
  permissions: PermissionRequest[];
  network?: { allowlist: string[] };
  resources?: { memoryMb?: number; cpuMsPerEvent?: number; storageKb?: number };
  payments?: { merchantId: string; maxPerOrder: number };
}

export interface AppVersion {
  version: string;
  status: VersionStatus;
  reason: string | null;
  uploadedAt: number | null;
  packageBytes: number | null;
  bundleBytes: number | null;
  checks: Check[];
  manifest: ManifestView | null;
}

export interface MiniApp {
  appId: string;
  name: Localized;
  description: Localized;
  publishedVersion: string | null;
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

/** The app's name in English, else any language, else its id. */
export function nameOf(app: { name: Localized; appId?: string }, language: keyof Localized = 'en'): string {
  return app.name[language] ?? app.name.en ?? Object.values(app.name)[0] ?? app.appId ?? '?';
}

export function readVersion(raw: Raw): AppVersion {
  const sizes = (raw.sizes ?? {}) as Raw;
  const checks = Array.isArray(raw.checks) ? (raw.checks as Raw[]) : [];
  return {
    version: String(raw.version ?? ''),
    status: String(raw.status ?? ''),
    reason: str(raw.reason) ?? str(raw.reviewReason),
    uploadedAt: num(raw.uploadedAt) ?? num(raw.createdAt),
    packageBytes: num(raw.packageBytes) ?? num(sizes.package),
    bundleBytes: num(raw.bundleBytes) ?? num(sizes.bundle),
    checks: checks.map((c) => ({
      name: String(c.name ?? c.check ?? ''),
      ok: c.ok === true || c.passed === true || c.status === 'pass' || c.status === 'ok',
      detail: str(c.detail) ?? str(c.message),
    })),
    manifest: (raw.manifest as ManifestView | undefined) ?? null,
  };
}

export function readApp(raw: Raw): MiniApp {
  const versions = Array.isArray(raw.versions) ? (raw.versions as Raw[]).map(readVersion) : [];
  const latest = versions.find((v) => v.manifest)?.manifest;
  return {
    appId: String(raw.appId ?? raw.id ?? ''),
    name: (raw.name as Localized | undefined) ?? latest?.name ?? {},
    description: (raw.description as Localized | undefined) ?? latest?.description ?? {},
    publishedVersion:
      str(raw.publishedVersion) ?? versions.find((v) => v.status === 'published')?.version ?? null,
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
    time: num(l.time) ?? num(l.at) ?? num(l.createdAt) ?? 0,
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
