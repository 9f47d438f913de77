import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createTokenService, type GenioConfig, openStorage } from '@genio/hub';
import { CommandError } from './io.js';

/** A token made for one run of a command, revoked when the run ends. */
export interface TemporaryToken {
  token: string;
  release(): Promise<void>;
}

function sqliteFile(config: GenioConfig): string | null {
  if (config.dbUrl?.startsWith('postgres')) return null;
  if (config.dbUrl?.startsWith('sqlite:')) return resolve(config.dbUrl.slice('sqlite:'.length));
  return join(resolve(config.dataDir), 'genio.db');
}

/**
 * On the hub's own machine a command may work without a token: whoever can open the hub's database can
 * already make one (`genio token create`). The token is revoked on release so none is left behind.
 */
export async function temporaryOperatorToken(config: GenioConfig, name: string): Promise<TemporaryToken> {
  const file = sqliteFile(config);
  if (file !== null && !existsSync(file)) {
    throw new CommandError(
      `a token is needed: --token or GENIO_TOKEN (no hub database at ${file} to make one from; --data-dir points at another)`,
    );
  }
  const open = () => openStorage({ url: config.dbUrl, dataDir: config.dataDir });
  const storage = await open();
  let created: { id: string; token: string };
  try {
    created = await createTokenService({ db: storage.db }).create({ name, role: 'operator', homeId: null });
  } catch (error) {
    throw new CommandError(
      `a token is needed: --token or GENIO_TOKEN (could not make one in the hub's database: ${(error as Error).message})`,
    );
  } finally {
    await storage.close();
  }
  return {
    token: created.token,
    async release() {
      const again = await open();
      try {
        await createTokenService({ db: again.db }).revoke(created.id);
      } finally {
        await again.close();
      }
    },
  };
}
