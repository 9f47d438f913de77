import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './harness.js';
import { installApp, manifest, pack, say, token, upload } from './miniapps-fixtures.js';

// The lifecycle of a mini-app through the HTTP contract: a developer uploads, the operator reviews,
// a household installs with grants, updates, disables, uninstalls; and the app answers by voice.
let t: TestHub;
let developer: string;
let rival: string;
let household: string;
let otherHousehold: string;
let homeId: string;
let otherHomeId: string;

const quizBundle = `
genio.register({
  async handle(event, host) {
    if (event.type === 'launch') {
      const seen = (await host.storage.get({ key: 'launches' })) || 0;
      await host.storage.set({ key: 'launches', value: seen + 1 });
      const hello = { en: 'Welcome to Quiz Time', zh: '欢迎来到答题时间', it: 'Benvenuto a Quiz Time', fr: 'Bienvenue' };
      return { speech: hello[event.language] + ' #' + (seen + 1), card: { type: 'text', title: 'Quiz', text: 'Ready?' } };
    }
    if (event.type === 'intent' && event.intent === 'question' && !event.slots.answer)
      return { speech: 'What is the capital of Italy?', ask: { slot: 'answer' } };
    if (event.type === 'intent' && event.intent === 'capital')
      return { speech: 'Capital of ' + event.slots.country + '?' };
    if (event.type === 'intent' && event.slots && event.slots.answer)
      return { speech: String(event.slots.answer).toLowerCase() === 'rome' ? 'Right!' : 'No, it is Rome.', end: true };
    if (event.type === 'end') return { speech: 'Bye from the quiz.' };
    return { speech: 'quiz heard ' + JSON.stringify(event.slots || {}) };
  },
});`;

const quiz = manifest('com.example.quiz', {
  intents: [
    {
      name: 'question',
      sentences: {
        en: ['(give me|ask me) a question', '[another] question'],
        it: ['fammi una domanda'],
        zh: ['出一道题'],
        fr: ['pose-moi une question'],
      },
    },
    {
      name: 'capital',
      slots: {
        country: {
          type: 'list',
          values: {
            en: [
              { text: 'france', value: 'FR' },
              { text: 'japan', value: 'JP' },
            ],
          },
        },
      },
      sentences: { en: ['capital of {country}'] },
    },
  ],
  permissions: [{ name: 'storage', reason: { en: 'Remembers your score.' } }],
});

beforeAll(async () => {
  t = await startTestHub('sqlite');
  developer = await token(t, { name: 'acme', role: 'developer' });
  rival = await token(t, { name: 'rival', role: 'developer' });
  homeId = (await t.request('POST', '/api/v1/homes', { body: { name: 'Casa', language: 'en' } })).json().id;
  otherHomeId = (await t.request('POST', '/api/v1/homes', { body: { name: 'Other', language: 'en' } })).json()
    .id;
  household = await token(t, { name: 'anna', role: 'household', homeId });
  otherHousehold = await token(t, { name: 'bob', role: 'household', homeId: otherHomeId });
});
afterAll(async () => t?.close());

describe('packages and manifests', () => {
  it('refuses a bad manifest with the field at fault', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ id: 'Quiz' }, 'manifest.id'],
      [{ version: '1.0' }, 'manifest.version'],
      [{ name: { it: 'Quiz' } }, 'manifest.name.en'],
      [{ permissions: [{ name: 'camera', reason: { en: 'x' } }] }, 'manifest.permissions.0.name'],
      [{ permissions: [{ name: 'network', reason: { en: 'x' } }] }, 'manifest.network.allowlist'],
      [{ intents: [{ name: 'q', sentences: { en: ['play {song}'] } }] }, 'manifest.intents.0.sentences.en.0'],
    ];
    for (const [change, field] of cases) {
      const bad = { ...manifest('com.example.bad'), ...change };
      const response = await upload(
        t,
        developer,
        pack(bad as never, 'genio.register({ async handle() { return { speech: "x" }; } });'),
      );
      expect(response.status, field).toBe(400);
      expect(response.json().field, JSON.stringify(response.json())).toBe(field);
    }
  });

  it('refuses archives that are not packages, lack a file, or are too big', async () => {
    const notGzip = await upload(t, developer, Buffer.from('hello'));
    expect(notGzip.status).toBe(400);
    expect(notGzip.json().field).toBe('package');
    const { writeMiniAppPackage } = await import('../src/miniapps/index.js');
    const noBundle = await upload(
      t,
      developer,
      writeMiniAppPackage({ 'manifest.json': JSON.stringify(quiz) }),
    );
    expect(noBundle.json().field).toBe('bundle.js');
    const bigBundle = writeMiniAppPackage({
      'manifest.json': JSON.stringify(quiz),
      // Random-ish text that does not compress below the bundle limit.
      'bundle.js': Array.from({ length: 1_100_000 }, (_, i) =>
        String.fromCharCode(33 + ((i * 7919) % 90)),
      ).join(''),
    });
    expect((await upload(t, developer, bigBundle)).status).toBe(413);
    const huge = Buffer.alloc(2 * 1024 * 1024 + 10, 1);
    expect((await upload(t, developer, huge)).status).toBe(413);
  });
});

describe('review', () => {
  it('uploads in review, lists by role, and only the owner or the operator sees the versions', async () => {
    expect((await upload(t, household, pack(quiz, quizBundle))).status).toBe(403);
    const uploaded = await upload(t, developer, pack(quiz, quizBundle));
    expect(uploaded.status).toBe(201);
    expect(uploaded.json()).toMatchObject({
      appId: quiz.id,
      id: quiz.id,
      version: '1.0.0',
      status: 'in_review',
    });
    expect(uploaded.json().checks.map((c: { name: string; ok: boolean }) => [c.name, c.ok])).toEqual([
      ['manifest', true],
      ['size', true],
      ['sentences', true],
      ['sandbox', true],
      ['permissions', true],
    ]);
    // Another developer cannot upload a version of an app it does not own.
    expect((await upload(t, rival, pack({ ...quiz, version: '9.0.0' }, quizBundle))).status).toBe(403);
    expect((await upload(t, developer, pack(quiz, quizBundle))).status).toBe(409);

    expect(
      (await t.request('GET', '/api/v1/miniapps', { token: developer }))
        .json()
        .map((a: { id: string }) => a.id),
    ).toEqual([quiz.id]);
    expect((await t.request('GET', '/api/v1/miniapps', { token: rival })).json()).toEqual([]);
    expect((await t.request('GET', '/api/v1/miniapps', { token: household })).json()).toEqual([]);
    expect((await t.request('GET', `/api/v1/miniapps/${quiz.id}`, { token: rival })).status).toBe(403);
    expect((await t.request('GET', `/api/v1/miniapps/${quiz.id}`, { token: household })).status).toBe(403);
    expect((await t.request('GET', `/api/v1/miniapps/${quiz.id}/logs`, { token: rival })).status).toBe(403);
    expect((await t.request('GET', `/api/v1/miniapps/${quiz.id}/logs`, { token: developer })).status).toBe(
      200,
    );
    const detail = (await t.request('GET', `/api/v1/miniapps/${quiz.id}`, { token: developer })).json();
    expect(detail.versions).toMatchObject([
      { version: '1.0.0', status: 'in_review', permissions: ['storage'] },
    ]);

    expect(
      (await t.request('POST', `/api/v1/miniapps/${quiz.id}/versions/1.0.0/publish`, { token: developer }))
        .status,
    ).toBe(403);
    const published = await t.request('POST', `/api/v1/miniapps/${quiz.id}/versions/1.0.0/publish`);
    expect(published.json()).toMatchObject({ version: '1.0.0', status: 'published' });
    const catalog = (await t.request('GET', '/api/v1/miniapps', { token: household })).json();
    expect(catalog).toMatchObject([
      { id: quiz.id, publishedVersion: '1.0.0', permissions: [{ name: 'storage' }] },
    ]);
  });

  it('rejects with a reason, and a bundle that registers no handler fails its check and cannot be published', async () => {
    await upload(t, developer, pack({ ...quiz, version: '1.0.1' }, quizBundle));
    const rejected = await t.request('POST', `/api/v1/miniapps/${quiz.id}/versions/1.0.1/reject`, {
      body: { reason: 'The welcome text is misleading' },
    });
    expect(rejected.json()).toMatchObject({ status: 'rejected', reason: 'The welcome text is misleading' });
    const silent = manifest('com.example.silent');
    const uploaded = await upload(t, developer, pack(silent, 'var x = 1;'));
    expect(uploaded.status).toBe(201);
    const sandbox = uploaded.json().checks.find((c: { name: string }) => c.name === 'sandbox');
    expect(sandbox).toMatchObject({ ok: false });
    expect(sandbox.detail).toMatch(/register/);
    const refused = await t.request('POST', `/api/v1/miniapps/${silent.id}/versions/1.0.0/publish`);
    expect(refused.status).toBe(409);
    expect(refused.json().detail).toMatch(/automated checks failed: sandbox/);
  });
});

describe('installs', () => {
  it('installs with grants the app asks for, only in the caller’s home', async () => {
    const bad = await t.request('POST', `/api/v1/homes/${homeId}/miniapps`, {
      token: household,
      body: { appId: quiz.id, grants: ['payments'] },
    });
    expect(bad.status).toBe(400);
    expect(bad.json().field).toBe('grants/0');
    expect(
      (
        await t.request('POST', `/api/v1/homes/${homeId}/miniapps`, {
          token: otherHousehold,
          body: { appId: quiz.id, grants: [] },
        })
      ).status,
    ).toBe(403);
    const installed = await t.request('POST', `/api/v1/homes/${homeId}/miniapps`, {
      token: household,
      body: { appId: quiz.id, grants: ['storage'] },
    });
    expect(installed.status).toBe(201);
    expect(installed.json()).toMatchObject({
      appId: quiz.id,
      version: '1.0.0',
      enabled: true,
      grants: ['storage'],
    });
    expect(
      (await t.request('GET', `/api/v1/homes/${homeId}/miniapps`, { token: otherHousehold })).status,
    ).toBe(403);
    expect(
      (await t.request('GET', `/api/v1/homes/${homeId}/miniapps`, { token: household })).json(),
    ).toHaveLength(1);
  });

  it('answers "open <app>" in two languages, holds the conversation for its intents and follow-ups, and lets go on "exit"', async () => {
    const opened = await say(t, household, homeId, 'open quiz time');
    expect(opened.speech.text).toBe('Welcome to Quiz Time #1');
    expect(opened.card).toEqual({ type: 'text', title: 'Quiz', text: 'Ready?' });
    expect(opened.continueConversation).toBe(true);
    const zh = await say(t, household, homeId, '打开答题时间');
    expect(zh.speech.text).toBe('欢迎来到答题时间 #2');
    const c = { conversationId: opened.conversationId };
    const asked = await say(t, household, homeId, 'give me a question', c);
    expect(asked.speech.text).toBe('What is the capital of Italy?');
    const answered = await say(t, household, homeId, 'rome', c);
    expect(answered.speech.text).toBe('Right!');
    expect(answered.continueConversation).toBe(false);
    // Not held any more: the app's own sentence is not the app's.
    const outside = await say(t, household, homeId, 'give me a question', c);
    expect(outside.speech.text).not.toBe('What is the capital of Italy?');
    const again = await say(t, household, homeId, 'open quiz time');
    const listed = await say(t, household, homeId, 'capital of japan', {
      conversationId: again.conversationId,
    });
    expect(listed.speech.text).toBe('Capital of JP?');
    const left = await say(t, household, homeId, 'exit', { conversationId: again.conversationId });
    expect(left.speech.text).toBe('Bye from the quiz. Closed Quiz Time.');
    expect(left.continueConversation).toBe(false);
    const oneShot = await say(t, household, homeId, 'ask quiz time for another question');
    expect(oneShot.speech.text).toBe('What is the capital of Italy?');
    // Another home that has not installed it hears so.
    const elsewhere = await say(t, otherHousehold, otherHomeId, 'open quiz time');
    expect(elsewhere.speech.text).toBe(
      'Quiz Time is not installed in this home. You can install it on the screen.',
    );
  });

  it('keeps an update that asks a new permission on the old version until it is granted; rolls back', async () => {
    const v2 = {
      ...quiz,
      version: '2.0.0',
      permissions: [...quiz.permissions, { name: 'location' as const, reason: { en: 'Local questions.' } }],
    };
    expect((await upload(t, developer, pack(v2, quizBundle))).status).toBe(201);
    await t.request('POST', `/api/v1/miniapps/${quiz.id}/versions/2.0.0/publish`);
    const waiting = await t.request('PATCH', `/api/v1/homes/${homeId}/miniapps/${quiz.id}`, {
      token: household,
      body: { update: true },
    });
    expect(waiting.json()).toMatchObject({
      version: '1.0.0',
      availableVersion: '2.0.0',
      pendingPermissions: ['location'],
    });
    const updated = await t.request('PATCH', `/api/v1/homes/${homeId}/miniapps/${quiz.id}`, {
      token: household,
      body: { grants: ['storage', 'location'], update: true },
    });
    expect(updated.json()).toMatchObject({
      version: '2.0.0',
      availableVersion: null,
      pendingPermissions: [],
    });
    const back = await t.request('POST', `/api/v1/miniapps/${quiz.id}/rollback`, {
      body: { version: '1.0.0' },
    });
    expect(back.json()).toMatchObject({ version: '1.0.0', status: 'published' });
    expect(
      (await t.request('GET', `/api/v1/homes/${homeId}/miniapps`, { token: household })).json()[0],
    ).toMatchObject({
      version: '1.0.0',
    });
    const detail = (await t.request('GET', `/api/v1/miniapps/${quiz.id}`, { token: developer })).json();
    expect(
      Object.fromEntries(
        detail.versions.map((v: { version: string; status: string }) => [v.version, v.status]),
      ),
    ).toEqual({
      '2.0.0': 'superseded',
      '1.0.1': 'rejected',
      '1.0.0': 'published',
    });
  });

  it('disables, and uninstalling deletes the app’s data in the home', async () => {
    await t.request('PATCH', `/api/v1/homes/${homeId}/miniapps/${quiz.id}`, {
      token: household,
      body: { enabled: false },
    });
    expect((await say(t, household, homeId, 'open quiz time')).speech.text).toBe(
      'Quiz Time is turned off in this home.',
    );
    await t.request('PATCH', `/api/v1/homes/${homeId}/miniapps/${quiz.id}`, {
      token: household,
      body: { enabled: true },
    });
    expect((await say(t, household, homeId, 'open quiz time')).speech.text).toMatch(/#\d+$/);
    expect(
      (await t.request('DELETE', `/api/v1/homes/${homeId}/miniapps/${quiz.id}`, { token: otherHousehold }))
        .status,
    ).toBe(403);
    expect(
      (await t.request('DELETE', `/api/v1/homes/${homeId}/miniapps/${quiz.id}`, { token: household })).status,
    ).toBe(204);
    expect((await say(t, household, homeId, 'open quiz time')).speech.text).toMatch(/not installed/);
    await installApp(t, { developer, household, homeId }, { ...quiz, version: '3.0.0' }, quizBundle);
    // Storage started again from nothing: the launch counter is 1.
    expect((await say(t, household, homeId, 'open quiz time')).speech.text).toBe('Welcome to Quiz Time #1');
  });
});
