/** Whether the browser suites run here: they need Chromium, which a machine with only Node and npm lacks. */
export type ChromiumDecision =
  | { run: true; executablePath: string }
  | { run: false; executablePath: string; notice: string };

/** Where Chromium is looked for unless GENIO_CHROMIUM says otherwise. */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/**
 * Decide from the environment and the file system. Outside CI a missing Chromium skips the browser
 * suites with a notice saying how to enable them; in CI (CI=true), and for `npm run screenshots`
 * (GENIO_REQUIRE_CHROMIUM=1), they are required, so it throws.
 */
export function decideChromium(
  env: Readonly<Record<string, string | undefined>>,
  exists: (path: string) => boolean,
): ChromiumDecision {
  const executablePath = env.GENIO_CHROMIUM || DEFAULT_CHROMIUM;
  if (exists(executablePath)) return { run: true, executablePath };
  const where = env.GENIO_CHROMIUM ? `GENIO_CHROMIUM=${executablePath}` : executablePath;
  if (isSet(env.CI) || isSet(env.GENIO_REQUIRE_CHROMIUM))
    throw new Error(
      `Chromium is required (CI or GENIO_REQUIRE_CHROMIUM) and was not found at ${where}: install it (apt-get install chromium) or set GENIO_CHROMIUM.`,
    );
  return {
    run: false,
    executablePath,
    notice: `[genio tests] Chromium not found at ${where}: browser suites (packages/web/test) are SKIPPED. Enable them with "apt-get install chromium" or GENIO_CHROMIUM=/path/to/chromium.`,
  };
}

function isSet(flag: string | undefined): boolean {
  const value = flag?.trim().toLowerCase();
  return value !== undefined && value !== '' && value !== 'false' && value !== '0';
}
