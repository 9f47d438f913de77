import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTestHub, type TestHub } from './harness.js';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => t?.close());

function open(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ ws: WebSocket; messages: unknown[]; next: (pred: (m: any) => boolean) => Promise<any> }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    const messages: any[] = [];
    const waiters: Array<{ pred: (m: any) => boolean; resolve: (m: any) => void }> = [];
    ws.on('message', (data) => {
      const message = JSON.parse(String(data));
      messages.push(message);
      for (const w of [...waiters])
        if (w.pred(message)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(message);
        }
    });
    ws.on('unexpected-response', (req, res) => {
      req.destroy();
      reject(new Error(`HTTP ${res.statusCode}`));
    });
    ws.on('error', reject);
    const next = (pred: (m: any) => boolean) =>
      new Promise<any>((res, rej) => {
        const found = messages.find(pred);
        if (found) return res(found);
        waiters.push({ pred, resolve: res });
        setTimeout(() => rej(new Error('no matching message within 3 s')), 3000);
      });
    ws.on('open', () => resolve({ ws, messages, next }));
  });
}

describe('websocket of domain events', () => {
  it('refuses a connection without a valid token', async () => {
    const wsUrl = t.baseUrl.replace('http', 'ws');
    await expect(open(`${wsUrl}/api/v1/events`)).rejects.toThrow('HTTP 401');
    await expect(open(`${wsUrl}/api/v1/events?access_token=wrong-token-000000`)).rejects.toThrow('HTTP 401');
  });

  it('delivers a domain event emitted by a module, and household tokens see only their home', async () => {
    const wsUrl = t.baseUrl.replace('http', 'ws');
    const homeA = (await t.request('POST', '/api/v1/homes', { body: { name: 'A', language: 'en' } })).json()
      .id;
    const homeB = (await t.request('POST', '/api/v1/homes', { body: { name: 'B', language: 'en' } })).json()
      .id;
    const tokA = (
      await t.request('POST', '/api/v1/tokens', { body: { name: 'a', role: 'household', homeId: homeA } })
    ).json();

    const operator = await open(`${wsUrl}/api/v1/events?events=area.*,device.*`, {
      authorization: `Bearer ${t.adminToken}`,
    });
    const household = await open(`${wsUrl}/api/v1/events?access_token=${tokA.token}`);
    await operator.next((m) => m.type === 'ready');
    await household.next((m) => m.type === 'ready');

    await t.request('POST', `/api/v1/homes/${homeB}/areas`, { body: { name: 'Other' } });
    await t.request('POST', `/api/v1/homes/${homeA}/areas`, { body: { name: 'Kitchen' } });
    t.hub.bus.emit('device.state_changed', {
      homeId: homeA,
      deviceId: 'dev_1',
      properties: { power: true },
      at: 1,
    });

    const op = await operator.next((m) => m.name === 'area.created' && m.payload.homeId === homeA);
    expect(op.payload.name).toBe('Kitchen');
    const state = await household.next((m) => m.name === 'device.state_changed');
    expect(state.payload).toEqual({ homeId: homeA, deviceId: 'dev_1', properties: { power: true }, at: 1 });
    await household.next((m) => m.name === 'area.created' && m.payload.homeId === homeA);
    expect(household.messages.some((m: any) => m.payload?.homeId === homeB)).toBe(false);
    expect(operator.messages.some((m: any) => m.name === 'home.created')).toBe(false);

    const closed = new Promise<number>((resolve) => household.ws.on('close', (code) => resolve(code)));
    await t.request('DELETE', `/api/v1/tokens/${tokA.id}`);
    expect(await closed).toBe(4401);
    operator.ws.close();
  });

  it('takes conversation turns on the same socket, for the own home of the token only', async () => {
    const wsUrl = t.baseUrl.replace('http', 'ws');
    const home = (
      await t.request('POST', '/api/v1/homes', { body: { name: 'Turns', language: 'it' } })
    ).json();
    const token = (
      await t.request('POST', '/api/v1/tokens', {
        body: { name: 'screen', role: 'household', homeId: home.id },
      })
    ).json().token;
    const { ws, next } = await open(`${wsUrl}/api/v1/events?access_token=${token}`);
    ws.send(JSON.stringify({ type: 'turn', id: 7, text: 'che ore sono' }));
    const answer = await next((m) => m.type === 'turn');
    expect(answer).toMatchObject({ id: 7, language: 'it', intent: { name: 'time.now' } });
    expect(answer.speech.text).toMatch(/^Sono le /);
    const other = (
      await t.request('POST', '/api/v1/homes', { body: { name: 'Other', language: 'en' } })
    ).json();
    ws.send(JSON.stringify({ type: 'turn', id: 8, text: 'what time is it', homeId: other.id }));
    expect(await next((m) => m.type === 'error' && m.id === 8)).toMatchObject({ code: 'forbidden' });
    ws.send('not json');
    expect(await next((m) => m.type === 'error' && m.code === 'validation_failed')).toBeTruthy();
    ws.close();
  });
});
