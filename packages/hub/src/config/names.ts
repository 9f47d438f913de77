import type { ConfigKey } from './schema.js';

/** `httpPort` -> `--http-port`. */
export function flagName(key: ConfigKey | string): string {
  return `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/** `httpPort` -> `GENIO_HTTP_PORT`. */
export function envName(key: ConfigKey | string): string {
  return `GENIO_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
}

/** `--http-port` or `http-port` -> `httpPort`. */
export function keyFromFlag(flag: string): string {
  return flag.replace(/^--/, '').replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}
