import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// Payments in flight when the hub is killed with SIGKILL: after a restart, retrying every payment with
// its Idempotency-Key pays each order exactly once, every acknowledged payment is there, and the ledger
// balances. Judged by the wallet and the ledger, over HTTP, against a real process.

const script = fileURLToPath(new URL('./fixtures/hub-process.ts', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'genio-crash-'));
const admin = `crash-admin-${randomBytes(8).toString('hex')}`;
let child: ChildProcess | null = null;

function startHubProcess(): Promise<string> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--conditions=genio-source', '--import', 'tsx', script], {
      env: { ...process.env, HUB_DATA_DIR: dataDir, HUB_ADMIN_TOKEN: admin },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child = proc;
    let out = '';
    proc.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n') && line)
        resolve(`http://127.0.0.1:${(JSON.parse(line) as { port: number }).port}`);
    });
    proc.once('exit', (code) => reject(new Error(`hub exited early with ${code}`)));
  });
}

async function call(
  base: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; key?: string } = {},
): Promise<{ status: number; json: Record<string, unknown> }> {
  const headers: Record<string, string> = { authorization: `Bearer ${options.token ?? admin}` };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.key) headers['idempotency-key'] = options.key;
  const response = await fetch(`${base}${path}`, {
    method,
    headers,
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

afterAll(() => {
  child?.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a hub killed with SIGKILL while payments are in flight', () => {
  it('pays each order once after the retries, keeps every acknowledged payment and balances the ledger', async () => {
    let base = await startHubProcess();
    const home = (await call(base, 'POST', '/api/v1/homes', { body: { name: 'Crash', language: 'en' } }))
      .json;
    const homeId = home.id as string;
    await call(base, 'PATCH', `/api/v1/homes/${homeId}`, { body: { location: { lat: 45.46, lon: 9.19 } } });
    const household = (
      await call(base, 'POST', '/api/v1/tokens', { body: { name: 'anna', role: 'household', homeId } })
    ).json.token as string;
    const merchant = (
      await call(base, 'POST', '/api/v1/merchants', { body: { name: 'Crash Bakery', currency: 'EUR' } })
    ).json;
    const merchantId = merchant.id as string;
    const allDay = ['00:00-24:00'];
    const hours = {
      mon: allDay,
      tue: allDay,
      wed: allDay,
      thu: allDay,
      fri: allDay,
      sat: allDay,
      sun: allDay,
    };
    await call(base, 'PUT', `/api/v1/merchants/${merchantId}/stores`, {
      body: [{ ref: 'one', name: 'One', lat: 45.46, lon: 9.19, timezone: 'Europe/Rome', hours }],
    });
    await call(base, 'PUT', `/api/v1/merchants/${merchantId}/menu`, {
      body: { items: [{ ref: 'bun', name: { en: 'Bun' }, price: 120 }] },
    });
    await call(base, 'POST', `/api/v1/merchants/${merchantId}/approve`);
    await call(base, 'PUT', `/api/v1/homes/${homeId}/payment-settings`, {
      token: household,
      body: { enabled: true, pin: '2468', currency: 'EUR', perOrderLimit: 1000, dailyLimit: 1_000_000 },
    });
    await call(base, 'POST', `/api/v1/homes/${homeId}/wallet/top-ups`, {
      token: household,
      body: { amount: 100_000, currency: 'EUR' },
      key: 'seed',
    });
    const orderIds: string[] = [];
    for (let i = 0; i < 24; i++) {
      const placed = await call(base, 'POST', `/api/v1/homes/${homeId}/orders`, {
        token: household,
        body: { merchantId, items: [{ ref: 'bun', quantity: 1 }] },
      });
      expect(placed.status).toBe(201);
      orderIds.push(placed.json.id as string);
    }

    // Pay them four at a time and kill the hub once a few payments have been acknowledged.
    const acknowledged = new Set<string>();
    const pay = (b: string, id: string) =>
      call(b, 'POST', `/api/v1/orders/${id}/pay`, {
        token: household,
        body: { pin: '2468' },
        key: `pay-${id}`,
      });
    let killed = false;
    const workers = [0, 1, 2, 3].map(async (w) => {
      for (let i = w; i < orderIds.length && !killed; i += 4) {
        const id = orderIds[i] as string;
        try {
          const answer = await pay(base, id);
          if (answer.status === 200) acknowledged.add(id);
        } catch {
          return; // the connection died with the hub
        }
        if (acknowledged.size >= 6 && !killed) {
          killed = true;
          child?.kill('SIGKILL');
        }
      }
    });
    await Promise.all(workers);
    expect(killed).toBe(true);
    await new Promise((r) => setTimeout(r, 200));

    base = await startHubProcess();
    // Retry every payment with its own key; a key left in flight by the crash is taken over once stale.
    for (const id of orderIds) {
      const deadline = Date.now() + 60_000;
      let answer = await pay(base, id);
      while (answer.status === 409 && answer.json.code === 'idempotency_in_flight' && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 500));
        answer = await pay(base, id);
      }
      expect(answer.status).toBe(200);
      expect(answer.json.status).toBe('paid');
    }
    for (const id of acknowledged) {
      const order = await call(base, 'GET', `/api/v1/orders/${id}`, { token: household });
      expect(order.json.status).toBe('paid');
    }
    const wallet = await call(base, 'GET', `/api/v1/homes/${homeId}/wallet?currency=EUR`, {
      token: household,
    });
    expect(wallet.json.balance).toBe(100_000 - 120 * orderIds.length);
    const balance = (await call(base, 'GET', '/api/v1/ledger/trial-balance')).json;
    expect(balance).toMatchObject({ balanced: true, mismatches: [] });
  }, 180_000);
});
