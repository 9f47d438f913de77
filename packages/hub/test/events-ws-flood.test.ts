import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';

// The documented bound (docs/api.md): at most 4 turns in progress per socket.
const MAX_TURNS_PER_SOCKET = 4;

import { startTestHub, type TestHub } from './harness.js';

let t: TestHub;
let token: string;
let homeId: string;
beforeAll(async () => {
  t = await startTestHub();
  homeId = (await t.request('POST', '/api/v1/homes', { body: { name: 'Flood', language: 'en' } })).json().id;
  token = (
    await t.request('POST', '/api/v1/tokens', { body: { name: 'screen', role: 'household', homeId } })
  ).json().token;
});
afterAll(async () => t?.close());

function openSocket(): Promise<{ ws: WebSocket; frames: Array<Record<string, unknown>> }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${t.baseUrl.replace('http', 'ws')}/api/v1/events?access_token=${token}`);
    const frames: Array<Record<string, unknown>> = [];
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as Record<string, unknown>;
      frames.push(frame);
      if (frame.type === 'ready') resolve({ ws, frames });
    });
    ws.on('error', reject);
  });
}

async function healthLatency(): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${t.baseUrl}/healthz`);
  await response.json();
  return performance.now() - started;
}

// The longest utterance a turn takes, of words the recogniser has to work through.
const longUtterance = 'please turn on the big light in the kitchen and then the small one in the hall '
  .repeat(5)
  .slice(0, 400);

describe('a socket flooding the assistant with turns', () => {
  it(`gets at most ${MAX_TURNS_PER_SOCKET} turns in progress, a clear error for the rest, and /healthz stays quick`, async () => {
    const { ws, frames } = await openSocket();
    // What one turn of this utterance costs here: the bound is stated in it, so a slow machine stays fair.
    const single = performance.now();
    ws.send(JSON.stringify({ type: 'turn', id: 'single', text: longUtterance }));
    while (!frames.some((f) => f.id === 'single')) await new Promise((r) => setTimeout(r, 5));
    const oneTurn = performance.now() - single;
    const answered = () =>
      frames.filter((f) => typeof f.id === 'number' && (f.type === 'turn' || f.type === 'error'));
    const latencies: number[] = [];
    for (let i = 0; i < 40; i++) ws.send(JSON.stringify({ type: 'turn', id: i, text: longUtterance }));
    while (answered().length < 40) latencies.push(await healthLatency());
    const limited = frames.filter((f) => f.type === 'error' && f.code === 'rate_limited');
    // A turn may finish and free its slot while the flood is still arriving, so a few more than the
    // bound can be answered; without the bound none would be refused.
    expect(limited.length).toBeGreaterThanOrEqual(40 - 2 * MAX_TURNS_PER_SOCKET);
    expect(String(limited[0]?.detail)).toContain(`At most ${MAX_TURNS_PER_SOCKET} turns`);
    expect(frames.filter((f) => f.type === 'turn' && typeof f.id === 'number').length).toBeLessThanOrEqual(
      2 * MAX_TURNS_PER_SOCKET,
    );
    // A probe waits for the turns this socket may have in progress, never for the whole flood (40 turns
    // before the bound). Accepting, reading and answering a request may each fall between two turns.
    expect(Math.max(...latencies)).toBeLessThan(MAX_TURNS_PER_SOCKET * oneTurn + 250);
    // Once the turns in flight are answered, the socket takes turns again.
    ws.send(JSON.stringify({ type: 'turn', id: 'after', text: 'what time is it' }));
    while (!frames.some((f) => f.id === 'after')) await new Promise((r) => setTimeout(r, 20));
    expect(frames.find((f) => f.id === 'after')?.type).toBe('turn');
    console.log(
      `one turn ${oneTurn.toFixed(0)} ms; healthz during flood: max ${Math.max(...latencies).toFixed(1)} ms over ${latencies.length} probes`,
    );
    ws.close();
  });
});
