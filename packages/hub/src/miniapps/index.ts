export type { MiniApp, MiniAppCatalog, MiniAppCheck, MiniAppVersion } from './catalog.js';
export { hostMethodPermissions, hostMethods } from './host-api.js';
export type { InstallPatch, MiniAppInstall, MiniAppInstallView } from './installs.js';
export type { MiniAppLogLine } from './logs.js';
export { createMiniAppsModule, type MiniAppsModule, miniAppsMigrations } from './module.js';
export { readMiniAppPackage, writeMiniAppPackage } from './package.js';
export type { AppLoader } from './runtime.js';
export type { HostBridge, JsonValue, LoadAppOptions, SandboxedApp, SandboxLimits } from './sandbox/types.js';
