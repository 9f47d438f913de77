/**
 * Automated checks of an upload, shown to the operator with the version: the manifest and sizes
 * (already enforced by the package reader), the sentences compile in the assistant's template
 * syntax, the bundle loads in the sandbox and its handler answers an `end` event, the merchant of
 * its payments exists, and — since host calls cannot be known statically — the permissions it asks.
 */
import { miniAppLimits } from '@genio/contracts';
import { LanguageRecognizer } from '../assistant/index.js';
import { languages } from '../errors/index.js';
import type { MiniAppCheck } from './catalog.js';
import { hostMethods } from './host-api.js';
import type { MiniAppPackage } from './package.js';
import { type AppLoader, limitsOf } from './runtime.js';
import type { JsonValue } from './sandbox/types.js';

function sentencesCompile(pkg: MiniAppPackage): MiniAppCheck {
  for (const intent of pkg.manifest.intents)
    for (const language of languages) {
      const sentences = intent.sentences[language];
      if (!sentences) continue;
      try {
        new LanguageRecognizer({
          language,
          rules: {},
          lists: {},
          intents: [{ intent: intent.name, sentences }],
          fillers: [],
          cues: {},
        });
      } catch (error) {
        return {
          name: 'sentences',
          ok: false,
          detail: `intents ${intent.name} (${language}): ${error instanceof Error ? error.message : String(error)}`,
        };
      }
    }
  return { name: 'sentences', ok: true, detail: `${pkg.manifest.intents.length} intents compile` };
}

async function bundleLoads(pkg: MiniAppPackage, load: AppLoader): Promise<MiniAppCheck> {
  const lines: string[] = [];
  try {
    const app = await load({
      bundle: pkg.bundle,
      hostMethods,
      limits: limitsOf(pkg.manifest),
      log: (line) => lines.push(`${line.level}: ${line.message}`),
    });
    try {
      const refuse = { call: async () => Promise.reject(new Error('host calls are off during review')) };
      const probe: JsonValue = { type: 'end', language: 'en', homeId: 'review', session: 'review' };
      try {
        await app.handle(probe, refuse);
        return {
          name: 'sandbox',
          ok: true,
          detail: 'the bundle loads, registers a handler and answers an end event',
        };
      } catch (error) {
        // Host calls are refused during review, so an app may fail the probe for that; only a missing handler fails the check.
        const said = `${String((error as { code?: unknown })?.code ?? '')} ${error instanceof Error ? error.message : String(error)}`;
        if (/genio\.register|handler/i.test(said)) throw error;
        return {
          name: 'sandbox',
          ok: true,
          detail: `the bundle loads and registers a handler (the probe event said: ${said.trim()})`,
        };
      }
    } finally {
      app.dispose();
    }
  } catch (error) {
    const said = lines.length ? ` (log: ${lines.slice(-3).join(' | ')})` : '';
    return {
      name: 'sandbox',
      ok: false,
      detail: `${error instanceof Error ? error.message : String(error)}${said}`,
    };
  }
}

/** Run the checks of an upload. */
export async function checkUpload(
  pkg: MiniAppPackage,
  deps: { load: AppLoader; merchantExists: (merchantId: string) => Promise<boolean> },
): Promise<MiniAppCheck[]> {
  const { manifest } = pkg;
  const checks: MiniAppCheck[] = [
    { name: 'manifest', ok: true, detail: `${manifest.id} ${manifest.version} is valid` },
    {
      name: 'size',
      ok: true,
      detail: `package ${pkg.packageBytes} of ${miniAppLimits.packageBytes} bytes, bundle ${pkg.bundleBytes} of ${miniAppLimits.bundleBytes}`,
    },
    sentencesCompile(pkg),
    await bundleLoads(pkg, deps.load),
  ];
  if (manifest.payments) {
    const ok = await deps.merchantExists(manifest.payments.merchantId);
    checks.push({
      name: 'payments',
      ok,
      detail: ok
        ? `charges for merchant ${manifest.payments.merchantId}, at most ${manifest.payments.maxPerOrder} per order`
        : `merchant ${manifest.payments.merchantId} does not exist or is not approved`,
    });
  }
  const asked = manifest.permissions.map((p) =>
    p.name === 'network' ? `network (${manifest.network?.allowlist.join(', ') ?? ''})` : p.name,
  );
  checks.push({
    name: 'permissions',
    ok: true,
    detail: asked.length ? `asks for: ${asked.join(', ')}` : 'asks for no permission',
  });
  return checks;
}
