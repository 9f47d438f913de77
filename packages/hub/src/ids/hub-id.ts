import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { newId } from './index.js';

/**
 * This hub's lasting identity, kept in `<dataDir>/hub-id`: the same across restarts, different for
 * every hub sharing one database (each has its own data dir).
 */
export function loadHubId(dataDir: string): string {
  const file = join(dataDir, 'hub-id');
  if (existsSync(file)) {
    const stored = readFileSync(file, 'utf8').trim();
    if (stored) return stored;
  }
  mkdirSync(dataDir, { recursive: true });
  const id = newId('hub');
  writeFileSync(file, `${id}\n`, { mode: 0o600 });
  return id;
}
