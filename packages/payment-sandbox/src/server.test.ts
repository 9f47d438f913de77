import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from './server.js';
import { sign } from './signing.js';

const dir = mkdtempSync(join(tmpdir(), 'genio-sandbox-'));
const running: Sandbox[] = [];
afterAll(async () => {
  for (const s of running) await s.close();
  rmSync(dir, { recursive: true, force: true });
});

async function start(stateFile?: string) {
  const sandbox = createSandbox({
    apiSecret: 'api',
    webhookSecret: 'hook',
    controls: true,
    ...(stateFile ? { stateFile } : {}),
  });
  running.push(sandbox);
  const base = `http://127.0.0.1:${await sandbox.listen(0)}`;
  const call = async (method: string, path: string, body?: unknown, key?: string, secret = 'api') => {
    const raw = body === undefined ? '' : JSON.stringify(body);
    const headers: Record<string, string> = { 'genio-signature': sign(secret, raw, `${method} ${path}`) };
    if (key) headers['idempotency-key'] = key;
    const response = await fetch(`${base}${path}`, { method, headers, ...(raw ? { body: raw } : {}) });
    return {
      status: response.status,
      replayed: response.headers.get('idempotent-replayed'),
      body: (await response.json()) as any,
    };
  };
  return { sandbox, base, call };
}

describe('sandbox network protocol', () => {
  it('stores the first answer per key, refuses a reused key and a wrong-state step', async () => {
    const { call } = await start();
    const intent = { amount: 500, currency: 'EUR', reference: 'ord_1' };
    const first = await call('POST', '/v1/intents', intent, 'a1');
    expect(first).toMatchObject({ status: 201, replayed: null, body: { status: 'authorized', amount: 500 } });
    const again = await call('POST', '/v1/intents', intent, 'a1');
    expect(again).toMatchObject({ status: 201, replayed: 'true', body: { id: first.body.id } });
    expect((await call('POST', '/v1/intents', { ...intent, amount: 501 }, 'a1')).status).toBe(422);
    expect((await call('POST', '/v1/intents', intent)).status).toBe(400);
    expect((await call('POST', '/v1/intents', intent, 'a2', 'wrong')).status).toBe(401);
    const id = first.body.id as string;
    expect((await call('POST', `/v1/intents/${id}/capture`, {}, 'c1')).body.status).toBe('captured');
    expect((await call('POST', `/v1/intents/${id}/void`, {}, 'v1')).status).toBe(409);
    expect((await call('POST', `/v1/intents/${id}/refund`, { amount: 200 }, 'r1')).body).toMatchObject({
      status: 'captured',
      refundedAmount: 200,
    });
    expect((await call('POST', `/v1/intents/${id}/refund`, { amount: 400 }, 'r2')).status).toBe(400);
    expect((await call('POST', `/v1/intents/${id}/refund`, {}, 'r3')).body.status).toBe('refunded');
    expect((await call('GET', `/v1/intents/${id}`)).body).toMatchObject({ refundedAmount: 500 });
  });

  it('injects a 5xx without doing the work, and a decline', async () => {
    const { base, call } = await start();
    const control = (body: unknown) =>
      fetch(`${base}/_control/faults`, { method: 'POST', body: JSON.stringify(body) });
    await control({ op: 'authorize', kind: 'error' });
    const intent = { amount: 500, currency: 'EUR', reference: 'ord_2' };
    expect((await call('POST', '/v1/intents', intent, 'k')).status).toBe(503);
    expect((await call('POST', '/v1/intents', intent, 'k')).status).toBe(201);
    await control({ op: 'authorize', kind: 'decline' });
    expect(await call('POST', '/v1/intents', intent, 'k2')).toMatchObject({
      status: 402,
      body: { error: { code: 'card_declined' }, intent: { status: 'declined' } },
    });
    expect((await control({ op: 'nothing', kind: 'error' })).status).toBe(400);
  });

  it('keeps intents and stored answers in its state file across a restart', async () => {
    const file = join(dir, 'state.json');
    const one = await start(file);
    const made = await one.call(
      'POST',
      '/v1/intents',
      { amount: 700, currency: 'EUR', reference: 'r' },
      'p1',
    );
    await one.sandbox.close();
    const two = await start(file);
    expect((await two.call('GET', `/v1/intents/${made.body.id}`)).body.amount).toBe(700);
    const replay = await two.call(
      'POST',
      '/v1/intents',
      { amount: 700, currency: 'EUR', reference: 'r' },
      'p1',
    );
    expect(replay).toMatchObject({ replayed: 'true', body: { id: made.body.id } });
  });
});
