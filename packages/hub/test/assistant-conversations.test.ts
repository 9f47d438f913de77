import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lightModel } from './device-fixtures.js';
import { backends, startTestHub, type TestHub } from './harness.js';

// A question asked before a restart (or by another hub sharing the database) is answered after it.
describe.each(backends)('conversations kept in the database on %s', (backend) => {
  let t: TestHub;
  let homeId: string;
  let otherHomeId: string;
  beforeAll(async () => {
    t = await startTestHub(backend);
    homeId = (await t.request('POST', '/api/v1/homes', { body: { name: 'Casa', language: 'en' } })).json().id;
    otherHomeId = (
      await t.request('POST', '/api/v1/homes', { body: { name: 'Other', language: 'en' } })
    ).json().id;
    const product = (
      await t.request('POST', '/api/v1/products', {
        body: { name: 'Lamp', category: 'light', thingModel: lightModel },
      })
    ).json();
    for (const area of ['Kitchen', 'Bedroom']) {
      const areaId = (
        await t.request('POST', `/api/v1/homes/${homeId}/areas`, { body: { name: area } })
      ).json().id;
      await t.request('POST', '/api/v1/devices', {
        body: { productKey: product.productKey, homeId, areaId, name: 'night lamp' },
      });
    }
  });
  afterAll(async () => t?.close());

  const say = async (text: string, extra: Record<string, unknown> = {}) =>
    (await t.request('POST', '/api/v1/conversation', { body: { text, homeId, ...extra } })).json();

  it('takes the answer to "which one?" after a restart', async () => {
    const question = await say('turn on the night lamp');
    expect(question.continueConversation).toBe(true);
    await t.restart();
    const answer = await say('the bedroom one', { conversationId: question.conversationId });
    expect(answer.intent?.name).toBe('device.turn_on');
    // The lamps are not connected: the answer says so instead of pretending.
    expect(answer.speech.text).toContain('night lamp');
    expect(answer.continueConversation).toBe(false);
  });

  it('never lets another home continue a conversation', async () => {
    const question = await say('turn on the night lamp');
    const elsewhere = (
      await t.request('POST', '/api/v1/conversation', {
        body: { text: 'the bedroom one', homeId: otherHomeId, conversationId: question.conversationId },
      })
    ).json();
    expect(elsewhere.intent?.name).not.toBe('device.turn_on');
  });

  it("never lets another home clear this home's open question by reusing its conversation id", async () => {
    const question = await say('turn on the night lamp');
    expect(question.continueConversation).toBe(true);
    await t.request('POST', '/api/v1/conversation', {
      body: { text: 'what time is it', homeId: otherHomeId, conversationId: question.conversationId },
    });
    const answer = await say('the bedroom one', { conversationId: question.conversationId });
    expect(answer.intent?.name).toBe('device.turn_on');
  });
});
