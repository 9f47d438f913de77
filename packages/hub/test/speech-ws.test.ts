import { MAX_AUDIO_FRAME_BYTES } from '@genio/contracts';
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import { alinkCredentials, connectRaw, createLight, inbox, subscribe } from './device-fixtures.js';
import { startTestHub, type TestHub } from './harness.js';
import { spokenCommand } from './speech-fixtures.js';
import { describeSpeech } from './speech-tools.js';

// Hold-to-talk as a screen does it, without a browser: PCM frames of espeak-ng speech over the events
// websocket -> the hub endpoints the utterance, its own engine (pocketsphinx with the home's grammar)
// transcribes it, the turn runs -> the light on real MQTT acts.

const FRAME = 3200; // 100 ms of 16 kHz s16le
let t: TestHub;
let device: MqttClient;
let box: ReturnType<typeof inbox>;
let householdToken: string;
let homeId: string;
let otherHomeId: string;

beforeAll(async () => {
  t = await startTestHub('sqlite');
  const light = await createLight(t, 'speech-lamp');
  homeId = light.home.id;
  await t.request('PATCH', `/api/v1/devices/${light.device.id}`, { body: { name: 'Ceiling light' } });
  otherHomeId = (await t.request('POST', '/api/v1/homes', { body: { name: 'Other', language: 'en' } })).json()
    .id;
  householdToken = (
    await t.request('POST', '/api/v1/tokens', { body: { name: 'screen', role: 'household', homeId } })
  ).json().token;
  const { productKey, deviceName, deviceSecret } = light.device;
  device = await connectRaw(t.hub.ports.mqtt, alinkCredentials(productKey, deviceName, deviceSecret));
  box = inbox(device);
  const prefix = `/sys/${productKey}/${deviceName}/thing`;
  await subscribe(device, `${prefix}/service/property/set`);
  device.on('message', (topic, payload) => {
    if (topic !== `${prefix}/service/property/set`) return;
    const { id } = JSON.parse(payload.toString()) as { id: string };
    device.publish(`${prefix}/service/property/set_reply`, JSON.stringify({ id, code: 200, data: {} }));
  });
});
afterAll(async () => {
  device?.end(true);
  await t?.close();
});

type Message = Record<string, any>;
async function screenSocket(token = householdToken) {
  const ws = new WebSocket(`${t.baseUrl.replace('http', 'ws')}/api/v1/events?access_token=${token}`);
  const messages: Message[] = [];
  const waiters: Array<{ pred: (m: Message) => boolean; resolve: (m: Message) => void }> = [];
  ws.on('message', (data, isBinary) => {
    if (isBinary) return;
    const message = JSON.parse(String(data)) as Message;
    messages.push(message);
    for (const w of [...waiters])
      if (w.pred(message)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(message);
      }
  });
  const next = (pred: (m: Message) => boolean, ms = 10_000) =>
    new Promise<Message>((resolve, reject) => {
      const found = messages.find(pred);
      if (found) return resolve(found);
      const timer = setTimeout(
        () => reject(new Error(`no matching message; got ${JSON.stringify(messages)}`)),
        ms,
      );
      waiters.push({
        pred,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
      });
    });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  await next((m) => m.type === 'ready');
  return { ws, messages, next, json: (m: unknown) => ws.send(JSON.stringify(m)) };
}

function frames(pcm: Buffer, size = FRAME): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < pcm.length; i += size) out.push(pcm.subarray(i, i + size));
  return out;
}

const lightSet = (value: number) =>
  box.next((m) => m.topic.endsWith('/service/property/set') && m.body?.params?.LightSwitch === value, 10_000);

describeSpeech('speech over the screen websocket', () => {
  it('says which languages it hears', async () => {
    const s = await screenSocket();
    s.json({ type: 'speech.status' });
    expect(await s.next((m) => m.type === 'speech.status')).toMatchObject({ hear: ['en'] });
    s.ws.close();
  });

  it('ends the utterance at the silence after the words, transcribes it, and the light turns on', async () => {
    const { pcm } = spokenCommand('turn on the ceiling light', { leadMs: 400, tailMs: 2000 });
    const s = await screenSocket();
    const acted = lightSet(1);
    s.json({ type: 'audio.start', id: 'u1', language: 'en', rate: 16000 });
    await s.next((m) => m.type === 'audio.listening' && m.id === 'u1');
    for (const frame of frames(pcm)) s.ws.send(frame);
    const end = await s.next((m) => m.type === 'audio.end');
    expect(end).toEqual({ type: 'audio.end', id: 'u1', reason: 'silence' });
    const transcript = await s.next((m) => m.type === 'audio.transcript');
    expect(transcript).toMatchObject({ id: 'u1', text: 'turn on the ceiling light', language: 'en' });
    expect(transcript.confidence).toBeGreaterThan(0);
    await acted;
    const turn = await s.next((m) => m.type === 'turn' && m.id === 'u1');
    expect(turn.intent.name).toBe('device.turn_on');
    expect(turn.speech.text).toMatch(/ceiling light/i);
    s.ws.close();
  });

  it('ends the utterance when the button is released (audio.stop) and the light turns off', async () => {
    const { pcm } = spokenCommand('turn off the ceiling light', { speed: 175, leadMs: 300, tailMs: 0 });
    const s = await screenSocket();
    const acted = lightSet(0);
    s.json({ type: 'audio.start', id: 7, language: 'en', rate: 16000 });
    await s.next((m) => m.type === 'audio.listening');
    for (const frame of frames(pcm)) s.ws.send(frame);
    s.json({ type: 'audio.stop' });
    expect(await s.next((m) => m.type === 'audio.end')).toMatchObject({ id: 7, reason: 'released' });
    expect(await s.next((m) => m.type === 'audio.transcript')).toMatchObject({
      text: 'turn off the ceiling light',
    });
    await acted;
    expect((await s.next((m) => m.type === 'turn' && m.id === 7)).intent.name).toBe('device.turn_off');
    s.ws.close();
  });

  it('gives up on silence alone and says nothing was heard', async () => {
    const s = await screenSocket();
    s.json({ type: 'audio.start', id: 'quiet', language: 'en', rate: 16000 });
    await s.next((m) => m.type === 'audio.listening');
    for (const frame of frames(Buffer.alloc(16000 * 2 * 9))) s.ws.send(frame);
    expect(await s.next((m) => m.type === 'audio.end')).toMatchObject({ reason: 'no-speech' });
    expect(await s.next((m) => m.type === 'audio.transcript')).toMatchObject({ text: '', confidence: 0 });
    s.ws.close();
  });

  it('refuses what a screen must not do, each with a clear code', async () => {
    const s = await screenSocket();
    s.ws.send(Buffer.alloc(FRAME));
    expect((await s.next((m) => m.type === 'error')).problem.detail).toMatch(/audio\.start/);

    s.json({ type: 'audio.start', id: 'fr', language: 'fr', rate: 16000 });
    expect(await s.next((m) => m.id === 'fr')).toMatchObject({ type: 'error', code: 'language_unsupported' });
    s.json({ type: 'audio.start', id: 'rate', language: 'en', rate: 44100 });
    expect(await s.next((m) => m.id === 'rate')).toMatchObject({ type: 'error', code: 'validation_failed' });
    s.json({ type: 'audio.start', id: 'home', language: 'en', rate: 16000, homeId: otherHomeId });
    expect(await s.next((m) => m.id === 'home')).toMatchObject({ type: 'error', code: 'forbidden' });

    s.json({ type: 'audio.start', id: 'a', language: 'en', rate: 16000 });
    await s.next((m) => m.type === 'audio.listening' && m.id === 'a');
    s.json({ type: 'audio.start', id: 'b', language: 'en', rate: 16000 });
    expect(await s.next((m) => m.id === 'b')).toMatchObject({ type: 'error', code: 'conflict' });
    s.ws.send(Buffer.alloc(MAX_AUDIO_FRAME_BYTES + 2));
    expect(await s.next((m) => m.type === 'audio.end' && m.id === 'a')).toMatchObject({
      reason: 'cancelled',
    });
    expect(await s.next((m) => m.type === 'error' && m.id === 'a')).toMatchObject({
      code: 'payload_too_large',
    });
    s.ws.close();
  });

  it('lets one token hold two utterances at once over its sockets, not more', async () => {
    const sockets = await Promise.all([screenSocket(), screenSocket(), screenSocket()]);
    const [a, b, c] = sockets;
    if (!a || !b || !c) throw new Error('sockets');
    a.json({ type: 'audio.start', id: 'a', language: 'en', rate: 16000 });
    await a.next((m) => m.type === 'audio.listening');
    b.json({ type: 'audio.start', id: 'b', language: 'en', rate: 16000 });
    await b.next((m) => m.type === 'audio.listening');
    c.json({ type: 'audio.start', id: 'c1', language: 'en', rate: 16000 });
    expect(await c.next((m) => m.id === 'c1')).toMatchObject({ type: 'error', code: 'rate_limited' });
    a.json({ type: 'audio.cancel' });
    await a.next((m) => m.type === 'audio.end');
    c.json({ type: 'audio.start', id: 'c2', language: 'en', rate: 16000 });
    expect(await c.next((m) => m.id === 'c2')).toMatchObject({ type: 'audio.listening' });
    for (const s of sockets) s.ws.close();
  });

  it('refuses the socket itself without a token, as every screen socket', async () => {
    const ws = new WebSocket(`${t.baseUrl.replace('http', 'ws')}/api/v1/events`);
    const status = await new Promise<number>((resolve) =>
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)),
    );
    expect(status).toBe(401);
  });
});
