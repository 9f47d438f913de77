import { describe, expect, it } from 'vitest';
import type { Migration } from '../storage/index.js';
import { createLifecycle, type HubModule, migrationsOf } from './index.js';

function module(name: string, log: string[], failStart = false): HubModule {
  return {
    name,
    async start() {
      if (failStart) throw new Error(`${name} failed`);
      log.push(`start ${name}`);
    },
    async stop() {
      log.push(`stop ${name}`);
    },
  };
}

describe('the hub lifecycle', () => {
  it('stops what started, last first, and keeps stopping when one stop fails', async () => {
    const log: string[] = [];
    const failed: string[] = [];
    const lifecycle = createLifecycle((name) => failed.push(name));
    await lifecycle.run(module('bus', log));
    lifecycle.onStop('broken', async () => {
      throw new Error('boom');
    });
    await lifecycle.run(module('devices', log));
    await expect(lifecycle.run(module('commerce', log, true))).rejects.toThrow('commerce failed');
    await lifecycle.stopAll();
    expect(log).toEqual(['start bus', 'start devices', 'stop devices', 'stop bus']);
    expect(failed).toEqual(['broken']);
  });

  it('collects the migrations modules declare after the core ones', () => {
    const core: Migration[] = [{ name: '001', up: async () => {} }];
    const commerce: Pick<HubModule, 'migrations'> = { migrations: [{ name: 'c1', up: async () => {} }] };
    expect(migrationsOf(core, [{}, commerce]).map((m) => m.name)).toEqual(['001', 'c1']);
  });
});
