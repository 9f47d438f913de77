/** The real hub for a benchmark: temp data dir, loopback, ephemeral ports, silent logs, a fixed operator token. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type GenioConfig, loadConfig } from '../../packages/hub/src/config/index.js';
import { type Hub, startHub } from '../../packages/hub/src/hub.js';
import { createLogger } from '../../packages/hub/src/log/index.js';

/** A started hub and how to stop it (which also removes its data). */
export interface BenchHub {
  hub: Hub;
  stop(): Promise<void>;
}

/** Start a hub; on failure the temp data dir is removed before the error is thrown. */
export async function startBenchHub(
  adminToken: string,
  overrides: Partial<GenioConfig> = {},
): Promise<BenchHub> {
  const dataDir = mkdtempSync(join(tmpdir(), 'genio-bench-'));
  const remove = () => rmSync(dataDir, { recursive: true, force: true });
  try {
    const config = loadConfig({
      env: {},
      overrides: {
        dataDir,
        httpHost: '127.0.0.1',
        httpPort: 0,
        mqttHost: '127.0.0.1',
        mqttPort: 0,
        logLevel: 'silent',
        adminToken,
        ...overrides,
      },
    });
    const hub = await startHub(config, { log: createLogger('silent') });
    return {
      hub,
      async stop() {
        await hub.stop();
        remove();
      },
    };
  } catch (error) {
    remove();
    throw error;
  }
}
