import { describe, expect, it } from 'vitest';
import { DEFAULT_CHROMIUM, decideChromium } from './chromium.js';

const nowhere = () => false;
const only = (path: string) => (candidate: string) => candidate === path;

describe('whether the browser suites run', () => {
  it('runs with Chromium at the default path', () => {
    expect(decideChromium({}, only(DEFAULT_CHROMIUM))).toEqual({
      run: true,
      executablePath: DEFAULT_CHROMIUM,
    });
  });

  it('uses GENIO_CHROMIUM when set', () => {
    const decision = decideChromium({ GENIO_CHROMIUM: '/opt/chrome/chrome' }, only('/opt/chrome/chrome'));
    expect(decision).toEqual({ run: true, executablePath: '/opt/chrome/chrome' });
  });

  it('skips outside CI with one notice that says how to enable the suites', () => {
    const decision = decideChromium({}, nowhere);
    expect(decision.run).toBe(false);
    const notice = decision.run ? '' : decision.notice;
    expect(notice).toContain('SKIPPED');
    expect(notice).toContain('apt-get install chromium');
    expect(notice).toContain('GENIO_CHROMIUM=');
    expect(notice).not.toContain('\n');
  });

  it('treats CI=false and an empty CI as outside CI', () => {
    expect(decideChromium({ CI: 'false' }, nowhere).run).toBe(false);
    expect(decideChromium({ CI: '' }, nowhere).run).toBe(false);
  });

  it('requires Chromium in CI', () => {
    expect(() => decideChromium({ CI: 'true' }, nowhere)).toThrow(/required \(CI/);
    expect(() => decideChromium({ CI: '1', GENIO_CHROMIUM: '/missing' }, nowhere)).toThrow(
      /GENIO_CHROMIUM=\/missing/,
    );
  });

  it('requires Chromium when asked to (npm run screenshots)', () => {
    expect(() => decideChromium({ GENIO_REQUIRE_CHROMIUM: '1' }, nowhere)).toThrow(/required/);
  });

  it('does not skip in CI when Chromium is there', () => {
    expect(decideChromium({ CI: 'true' }, only(DEFAULT_CHROMIUM)).run).toBe(true);
  });
});
