/** Mini-app rows. Times are UTC milliseconds; JSON columns say so. */
export interface MiniAppsTable {
  id: string;
  /** The developer (or operator) token that uploaded its first version. */
  owner_token_id: string;
  /** The version households install; null until one is published. */
  published_version: string | null;
  created_at: number;
  updated_at: number;
}

/** One uploaded version: its manifest, bundle, review and automated checks. */
export interface MiniAppVersionsTable {
  app_id: string;
  version: string;
  /** in_review | published | rejected | superseded */
  status: string;
  reason: string | null;
  /** JSON manifest. */
  manifest: string;
  bundle: string;
  /** JSON: [{ name, ok, detail }] */
  checks: string;
  package_bytes: number;
  bundle_bytes: number;
  uploaded_at: number;
  reviewed_at: number | null;
}

/** An app installed in a home, on one version, with the permissions the household granted. */
export interface MiniAppInstallsTable {
  home_id: string;
  app_id: string;
  version: string;
  enabled: number;
  /** JSON: permission names granted. */
  grants: string;
  installed_at: number;
  updated_at: number;
}

/** One key of an app's storage in a home. */
export interface MiniAppStorageTable {
  app_id: string;
  home_id: string;
  key: string;
  /** JSON value. */
  value: string;
  bytes: number;
}

/** A line of an app's developer log. */
export interface MiniAppLogsTable {
  id: string;
  app_id: string;
  version: string;
  home_id: string | null;
  level: string;
  message: string;
  code: string | null;
  at: number;
}

/** A timer an app started, so it can cancel only its own. */
export interface MiniAppTimersTable {
  timer_id: string;
  app_id: string;
  home_id: string;
}

/** The mini-app tables, added with `db.withTables<MiniAppTables>()`. */
export type MiniAppTables = {
  miniapps: MiniAppsTable;
  miniapp_versions: MiniAppVersionsTable;
  miniapp_installs: MiniAppInstallsTable;
  miniapp_storage: MiniAppStorageTable;
  miniapp_logs: MiniAppLogsTable;
  miniapp_timers: MiniAppTimersTable;
};
