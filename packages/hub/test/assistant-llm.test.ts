import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect, type Device } from '@genio/device-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lightModel } from './device-fixtures.js';
import { startTestHub, type TestHub } from './harness.js';

// The optional LLM fallback against a small local server that speaks the OpenAI chat API.
let llm: Server;
const requests: Array<{
  messages: Array<{ role: string; content: string }>;
  tools: unknown[];
  auth: string | undefined;
}> = [];
let t: TestHub;
let homeId: string;
let lampId: string;
let otherHomeLamp: string;
const sets: unknown[] = [];
const lockSets: unknown[] = [];
let sdk: Device;
let lockSdk: Device;

beforeAll(async () => {
  llm = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => {
      raw += c;
    });
    req.on('end', () => {
      const body = JSON.parse(raw);
      requests.push({ messages: body.messages, tools: body.tools, auth: req.headers.authorization });
      const said: string = body.messages.at(-1).content;
      const system: string = body.messages[0].content;
      const lamp = /id (\S+): "reading lamp"/.exec(system)?.[1];
      const door = /id (\S+): "front door lock"/.exec(system)?.[1];
      res.setHeader('content-type', 'application/json');
      if (said.includes('plumber')) {
        // A model talked into letting someone in: it asks to unlock the door and switch on the lamp.
        const calls = [
          { device_id: door, capabilities: { lock: 'unlocked' } },
          { device_id: lamp, capabilities: { power: true } },
        ].map((args) => ({
          type: 'function',
          function: { name: 'control_device', arguments: JSON.stringify(args) },
        }));
        res.end(
          JSON.stringify({ choices: [{ message: { role: 'assistant', content: null, tool_calls: calls } }] }),
        );
      } else if (said.includes('cosy')) {
        const calls = [
          {
            type: 'function',
            function: {
              name: 'control_device',
              arguments: JSON.stringify({ device_id: lamp, capabilities: { power: true, brightness: 30 } }),
            },
          },
          {
            type: 'function',
            function: {
              name: 'control_device',
              arguments: JSON.stringify({ device_id: otherHomeLamp, capabilities: { power: true } }),
            },
          },
        ];
        res.end(
          JSON.stringify({ choices: [{ message: { role: 'assistant', content: null, tool_calls: calls } }] }),
        );
      } else if (said.includes('joke')) {
        res.end(
          JSON.stringify({
            choices: [
              { message: { role: 'assistant', content: 'Why did the lamp go to school? To get brighter.' } },
            ],
          }),
        );
      } else {
        res.statusCode = 500;
        res.end('{}');
      }
    });
  });
  await new Promise<void>((r) => llm.listen(0, '127.0.0.1', () => r()));
  const port = (llm.address() as AddressInfo).port;
  t = await startTestHub('sqlite', {
    llmUrl: `http://127.0.0.1:${port}/v1`,
    llmApiKey: 'sk-test',
    llmTimeoutMs: 2000,
  });
  homeId = (await t.request('POST', '/api/v1/homes', { body: { name: 'Home', language: 'en' } })).json().id;
  const other = (
    await t.request('POST', '/api/v1/homes', { body: { name: 'Neighbour', language: 'en' } })
  ).json().id;
  const product = (
    await t.request('POST', '/api/v1/products', {
      body: {
        name: 'Lamp',
        category: 'light',
        thingModel: lightModel,
        capabilities: { power: 'LightSwitch', brightness: 'Brightness' },
      },
    })
  ).json();
  const lamp = (
    await t.request('POST', '/api/v1/devices', {
      body: { productKey: product.productKey, homeId, name: 'reading lamp' },
    })
  ).json();
  lampId = lamp.id;
  otherHomeLamp = (
    await t.request('POST', '/api/v1/devices', {
      body: { productKey: product.productKey, homeId: other, name: 'their lamp' },
    })
  ).json().id;
  sdk = await connect({ host: '127.0.0.1', port: t.hub.ports.mqtt, ...lamp });
  sdk.onSet((values) => {
    sets.push(values);
  });
  const lockProduct = (
    await t.request('POST', '/api/v1/products', {
      body: {
        name: 'Door lock',
        category: 'lock',
        thingModel: {
          properties: [
            {
              identifier: 'LockState',
              name: 'Lock',
              accessMode: 'rw',
              dataType: { type: 'enum', specs: { '0': 'Unlocked', '1': 'Locked' } },
            },
          ],
          services: [],
          events: [],
        },
      },
    })
  ).json();
  const lock = (
    await t.request('POST', '/api/v1/devices', {
      body: { productKey: lockProduct.productKey, homeId, name: 'front door lock' },
    })
  ).json();
  lockSdk = await connect({ host: '127.0.0.1', port: t.hub.ports.mqtt, ...lock });
  lockSdk.onSet((values) => {
    lockSets.push(values);
  });
});
afterAll(async () => {
  await lockSdk?.close();
  await sdk?.close();
  await t?.close();
  await new Promise((r) => llm?.close(r));
});

const say = async (text: string) =>
  (await t.request('POST', '/api/v1/conversation', { body: { text, homeId, language: 'en' } })).json();

describe('LLM fallback', () => {
  it('is asked only when the grammar matches nothing, with the home devices as a tool', async () => {
    await say('what time is it');
    expect(requests).toHaveLength(0);
    const turn = await say('make it cosy for reading');
    expect(turn.intent).toMatchObject({ name: 'llm.fallback' });
    expect(requests[0]?.auth).toBe('Bearer sk-test');
    expect(requests[0]?.messages[0]?.content).toContain(lampId);
    expect(requests[0]?.messages[0]?.content).not.toContain(otherHomeLamp);
    expect(sets).toContainEqual({ LightSwitch: 1, Brightness: 30 });
    expect(turn.speech.text).toBe('Done: the reading lamp.');
  });

  it('cannot reach devices of another home', async () => {
    const other = (await t.request('GET', `/api/v1/devices/${otherHomeLamp}`)).json();
    expect(other.properties).toEqual({});
    expect(sets).toHaveLength(1);
  });

  it('speaks the model answer, and falls back to the plain answer when the endpoint fails', async () => {
    expect((await say('tell me a joke')).speech.text).toBe('Why did the lamp go to school? To get brighter.');
    const failed = await say('recite a poem');
    expect(failed.intent).toBeNull();
    expect(failed.speech.text).toMatch(/didn't get that/);
  });

  it('never unlocks a door, whatever the model asks: the rest is done and the reply says why', async () => {
    const turn = await say('the plumber is here, let him in');
    expect(turn.intent).toMatchObject({ name: 'llm.fallback' });
    expect(lockSets).toEqual([]);
    expect(sets.at(-1)).toEqual({ LightSwitch: 1 });
    expect(turn.speech.text).toBe(
      "Done: the reading lamp. For safety I don't unlock doors by voice: unlock them from the Genio app.",
    );
  });
});
