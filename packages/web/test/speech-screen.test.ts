import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createLight } from '../../hub/test/device-fixtures.js';
import type { TestHub } from '../../hub/test/harness.js';
import { spokenCommand } from '../../hub/test/speech-fixtures.js';
import { describeSpeech } from '../../hub/test/speech-tools.js';
import type { SpeechStats } from '../src/screen/voice/player.js';
import { CHROMIUM, describeBrowser, launchBrowser, newPage, startWebHub } from './browser.js';
import { simulatedLight } from './simulated-light.js';

// The screen's hold-to-talk in Chromium with a fake microphone fed from a WAV that espeak-ng spoke:
// hold the button -> the hub hears the words and ends the utterance at the silence -> the transcript
// shows -> the light on real MQTT turns on and its tile follows.

let hub: TestHub;
let browser: Browser;
let deniedBrowser: Browser;
const contexts: BrowserContext[] = [];
let light: Awaited<ReturnType<typeof simulatedLight>>;
let deviceId: string;
let homeId: string;

beforeAll(async () => {
  if (!CHROMIUM.run) return;
  const { wav } = spokenCommand('turn on the ceiling light', { leadMs: 500, tailMs: 2500 });
  [hub, browser, deniedBrowser] = await Promise.all([
    startWebHub(),
    launchBrowser([
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-audio-capture=${wav}`,
      '--autoplay-policy=no-user-gesture-required',
    ]),
    // No fake permission prompt: headless Chromium refuses the microphone, as a person who clicks "Block".
    launchBrowser(['--use-fake-device-for-media-stream']),
  ]);
  const created = await createLight(hub, 'voice-lamp');
  deviceId = created.device.id;
  homeId = created.home.id;
  await hub.request('PATCH', `/api/v1/devices/${deviceId}`, { body: { name: 'Ceiling light' } });
  light = await simulatedLight(hub.hub.ports.mqtt, created.device);
}, 60_000);
afterAll(async () => {
  light?.client.end(true);
  for (const context of contexts) await context.close().catch(() => {});
  await browser?.close();
  await deniedBrowser?.close();
  await hub?.close();
});

async function pairedScreen(on: Browser, home = homeId): Promise<{ page: Page; errors: string[] }> {
  const opened = await newPage(on);
  contexts.push(opened.context);
  const { code } = (await hub.request('POST', `/api/v1/homes/${home}/screen-pairing`, { body: {} })).json();
  await opened.page.goto(`${hub.baseUrl}/?pair=${code}`);
  await opened.page.getByTestId('home-name').waitFor();
  return opened;
}

const switchOf = (page: Page, checked: boolean) =>
  page.waitForSelector(`[data-testid="tile-${deviceId}"] [role="switch"][aria-checked="${checked}"]`, {
    timeout: 10_000,
  });

describeBrowser('speech on the screen', () => {
  describeSpeech('with a fake microphone', () => {
    it('hold the microphone, say "turn on the ceiling light": the transcript shows and the light turns on', async () => {
      const { page, errors } = await pairedScreen(browser);
      await page.waitForSelector(`[data-testid="tile-${deviceId}"][data-online="true"]`);
      const mic = page.getByTestId('mic');
      await page.waitForSelector('[data-testid="mic"]:not([disabled])');
      const box = await mic.boundingBox();
      if (!box) throw new Error('no microphone button');

      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.down();
      await page.waitForSelector('[data-testid="mic"][aria-pressed="true"]');
      // The level meter moves with the voice.
      await page.waitForFunction(
        () => {
          const meter = document.querySelector<HTMLMeterElement>('[data-testid="mic-level"]');
          return meter !== null && meter.value > 0;
        },
        undefined,
        { timeout: 5000 },
      );
      // Still held: the hub ends the utterance at the silence after the words.
      await page
        .getByTestId('transcript')
        .getByText('turn on the ceiling light')
        .waitFor({ timeout: 15_000 });
      await page.mouse.up();
      await light.nextSet({ LightSwitch: 1 });
      await switchOf(page, true);
      expect(await page.getByTestId('reply').textContent()).toMatch(/ceiling light/i);
      expect(errors).toEqual([]);
    });

    it('holding Space does the same when the text box does not have the focus; typing a space there does not', async () => {
      await light.report({ LightSwitch: 0 });
      const { page, errors } = await pairedScreen(browser);
      await page.waitForSelector('[data-testid="mic"]:not([disabled])');
      await switchOf(page, false);

      await page.getByLabel('Say something').focus();
      await page.keyboard.down('Space');
      await page.keyboard.up('Space');
      expect(await page.getByLabel('Say something').inputValue()).toBe(' ');
      expect(await page.getByTestId('mic').getAttribute('aria-pressed')).toBe('false');

      await page.getByLabel('Say something').fill('');
      await page.locator('body').click({ position: { x: 5, y: 5 } });
      await page.keyboard.down('Space');
      await page
        .getByTestId('transcript')
        .getByText('turn on the ceiling light')
        .waitFor({ timeout: 15_000 });
      await page.keyboard.up('Space');
      await light.nextSet({ LightSwitch: 1 });
      await switchOf(page, true);
      expect(errors).toEqual([]);
    });
  });

  describeSpeech('with the hub’s voice', () => {
    const stats = (page: Page) =>
      page.evaluate(
        (): SpeechStats => ({
          ...(window.__genioSpeech ?? { requested: 0, chunks: 0, played: 0, stopped: 0, playing: false }),
        }),
      );
    const typed = async (page: Page, text: string) => {
      await page.getByLabel('Say something').fill(text);
      await page.getByLabel('Say something').press('Enter');
      await page.getByTestId('reply').getByText(text).waitFor();
      await page.waitForSelector('[data-testid="reply"][aria-busy="false"]');
    };

    it('speaks answers and finished timers as the audio streams in; mute is remembered; the mic stops an answer', {
      timeout: 90_000,
    }, async () => {
      const { page, errors } = await pairedScreen(browser);
      await page.waitForSelector('[data-testid="mic"]:not([disabled])');
      expect(await page.getByTestId('speech-unavailable').count()).toBe(0);

      // An answer, spoken: synthesised audio arrives in pieces and every piece is played out.
      await typed(page, 'turn off the ceiling light');
      await page.waitForFunction(() => (window.__genioSpeech?.chunks ?? 0) > 0, undefined, {
        timeout: 10_000,
      });
      await page.waitForFunction(() => window.__genioSpeech?.playing === false, undefined, {
        timeout: 15_000,
      });
      const first = await stats(page);
      expect(first.requested).toBe(1);
      expect(first.played).toBe(first.chunks);

      // A finished timer is said too.
      await hub.request('POST', `/api/v1/homes/${homeId}/timers`, { body: { seconds: 1, name: 'tea' } });
      await page.getByRole('alert').getByText('tea').first().waitFor({ timeout: 10_000 });
      await page.waitForFunction(() => (window.__genioSpeech?.requested ?? 0) === 2, undefined, {
        timeout: 5000,
      });
      await page.waitForFunction(() => window.__genioSpeech?.playing === false, undefined, {
        timeout: 15_000,
      });

      // Muted: the answer shows and nothing is asked of the synthesiser; the setting survives a reload.
      await page.getByTestId('mute').click();
      await typed(page, 'turn on the ceiling light');
      expect((await stats(page)).requested).toBe(2);
      await page.reload();
      await page.waitForSelector('[data-testid="mic"]:not([disabled])');
      expect(await page.getByTestId('mute').getAttribute('aria-pressed')).toBe('true');
      await page.getByTestId('mute').click();
      expect(await page.getByTestId('mute').getAttribute('aria-pressed')).toBe('false');

      // Barge-in: pressing the microphone while an answer plays silences it at once.
      await typed(page, 'turn off the ceiling light');
      await page.waitForFunction(
        () => window.__genioSpeech?.playing === true && window.__genioSpeech.chunks > 0,
        undefined,
        {
          timeout: 10_000,
        },
      );
      await page.getByTestId('mic').focus();
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => window.__genioSpeech?.playing === false, undefined, { timeout: 2000 });
      expect((await stats(page)).stopped).toBe(1);
      await page.keyboard.press('Enter');
      expect(errors).toEqual([]);
    });
  });

  it('says so when the microphone is refused, and the text box still works', async () => {
    const { page } = await pairedScreen(deniedBrowser);
    await page.waitForSelector('[data-testid="mic"]:not([disabled])');
    await page.getByTestId('mic').focus();
    await page.keyboard.press('Enter');
    const problem = page.getByTestId('voice-problem');
    await problem.waitFor({ timeout: 5000 });
    expect(await problem.textContent()).toContain('microphone is blocked');
    expect(await page.getByTestId('mic').getAttribute('aria-pressed')).toBe('false');
  });

  it('where no engine hears the home’s language, the microphone is off and the screen says to type', async () => {
    const italian = (
      await hub.request('POST', '/api/v1/homes', { body: { name: 'Casa', language: 'it' } })
    ).json();
    const { page } = await pairedScreen(browser, italian.id);
    // The screen learns the home's language after it first renders: wait for the Italian words.
    await page.getByTestId('voice-unavailable').filter({ hasText: 'Scrivi' }).waitFor();
    expect(await page.getByTestId('mic').isDisabled()).toBe(true);
  });
});
