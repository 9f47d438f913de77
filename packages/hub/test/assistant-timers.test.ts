import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, startTestHub, type TestHub } from './harness.js';

describe.each(backends)('timers across a restart on %s', (backend) => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub(backend);
  });
  afterAll(async () => t?.close());

  // Ten seconds: a restart on a loaded machine can take several, and the timer must still be running after it.
  it('keeps a running timer through a restart and announces it in its language', {
    timeout: 30_000,
  }, async () => {
    const homeId = (
      await t.request('POST', '/api/v1/homes', { body: { name: 'Maison', language: 'fr' } })
    ).json().id;
    const said = await t.request('POST', '/api/v1/conversation', {
      body: { text: 'mets un minuteur de dix secondes', homeId },
    });
    expect(said.json().speech.text).toBe('Minuteur réglé sur 10 secondes.');
    await t.restart();
    const finished: Array<{ speech: string; homeId: string }> = [];
    t.hub.bus.on('test', 'timer.finished', (e) => {
      finished.push(e);
    });
    const left = (
      await t.request('POST', '/api/v1/conversation', {
        body: { text: 'combien de temps reste-t-il', homeId },
      })
    ).json();
    // A fast restart leaves the full ten seconds (the remaining time is rounded up).
    expect(left.speech.text).toMatch(/^Il reste (?:10|[1-9]) secondes?\.$/);
    await expect
      .poll(() => finished, { timeout: 16_000 })
      .toEqual([
        {
          homeId,
          timerId: expect.any(String),
          name: null,
          speech: 'Le temps est écoulé : le minuteur de 10 secondes est terminé.',
        },
      ]);
    expect(
      (
        await t.request('POST', '/api/v1/conversation', { body: { text: 'annule le minuteur', homeId } })
      ).json().speech.text,
    ).toBe("Il n'y a pas de minuteur en cours.");
  });
});
