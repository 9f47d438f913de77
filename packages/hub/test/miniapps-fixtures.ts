import type { MiniAppManifest } from '@genio/contracts';
import { writeMiniAppPackage } from '../src/miniapps/index.js';
import type { TestHub } from './harness.js';

/** A manifest with every required field; `extra` overrides. */
export function manifest(id: string, extra: Partial<MiniAppManifest> = {}): MiniAppManifest {
  return {
    id,
    version: '1.0.0',
    name: { en: 'Quiz Time', it: 'Quiz Time', zh: '答题时间', fr: 'Quiz Time' },
    description: { en: 'A quiz.' },
    invocation: { en: ['quiz time'], zh: ['答题时间'], it: ['quiz time'], fr: ['quiz time'] },
    intents: [],
    permissions: [],
    ...extra,
  };
}

/** A package of a manifest and a bundle. */
export function pack(m: MiniAppManifest, bundle: string): Buffer {
  return writeMiniAppPackage({ 'manifest.json': JSON.stringify(m), 'bundle.js': bundle });
}

/** Upload a package with a token; the raw response. */
export async function upload(t: TestHub, token: string, bytes: Buffer) {
  const response = await t.hub.http.inject({
    method: 'POST',
    url: '/api/v1/miniapps',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    payload: bytes,
  });
  return { status: response.statusCode, json: () => response.json() };
}

/** Upload as the developer, publish as the operator, install in the home with grants. */
export async function installApp(
  t: TestHub,
  who: { developer: string; household: string; homeId: string },
  m: MiniAppManifest,
  bundle: string,
  grants: string[] = m.permissions.map((p) => p.name),
): Promise<void> {
  const uploaded = await upload(t, who.developer, pack(m, bundle));
  if (uploaded.status !== 201) throw new Error(`upload failed: ${JSON.stringify(uploaded.json())}`);
  const published = await t.request('POST', `/api/v1/miniapps/${m.id}/versions/${m.version}/publish`);
  if (published.status !== 200) throw new Error(`publish failed: ${published.body}`);
  const installed = await t.request('POST', `/api/v1/homes/${who.homeId}/miniapps`, {
    token: who.household,
    body: { appId: m.id, grants },
  });
  if (installed.status !== 201) throw new Error(`install failed: ${installed.body}`);
}

/** A token of a role through the API. */
export async function token(t: TestHub, body: Record<string, unknown>): Promise<string> {
  return (await t.request('POST', '/api/v1/tokens', { body })).json().token as string;
}

/** A turn as the household. */
export async function say(
  t: TestHub,
  household: string,
  homeId: string,
  text: string,
  extra: Record<string, unknown> = {},
) {
  const response = await t.request('POST', '/api/v1/conversation', {
    token: household,
    body: { text, homeId, ...extra },
  });
  if (response.status !== 200) throw new Error(`turn failed: ${response.body}`);
  return response.json() as {
    conversationId: string;
    language: string;
    intent: { name: string } | null;
    speech: { text: string };
    card?: Record<string, unknown>;
    continueConversation: boolean;
  };
}

/** The developer log of an app, newest first. */
export async function devLog(t: TestHub, developer: string, appId: string) {
  const response = await t.request('GET', `/api/v1/miniapps/${appId}/logs`, { token: developer });
  return response.json() as Array<{ level: string; message: string; code: string | null }>;
}
