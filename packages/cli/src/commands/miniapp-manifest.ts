/**
 * Checks a manifest before it is packed, naming the field of each problem ("intents[0].sentences.en[1]:
 * unclosed ( ..."): the hub's own validation (`validateManifest` of @genio/contracts), plus what a
 * developer should hear before uploading (sentence syntax, a reason in every language the app speaks).
 */
import { validateManifest } from '@genio/contracts';
import { type Language, languages, type Manifest, type Permission, permissions } from '@genio/miniapp-sdk';
import { compileSentence, TemplateSyntaxError } from '@genio/miniapp-sdk/testing';

/** One thing wrong with a manifest: where, and what. */
export interface ManifestProblem {
  path: string;
  message: string;
}

/** Most bytes a bundle and a whole package may have. */
export const MAX_BUNDLE_BYTES = 1024 * 1024;
export const MAX_PACKAGE_BYTES = 2 * 1024 * 1024;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown) => {
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
};

/** Check a parsed manifest.json as the hub will, and more; an empty list means it is good. */
export function checkManifest(value: unknown): ManifestProblem[] {
  const own = ownChecks(value);
  const named = new Set(own.map((p) => p.path));
  const hub = validateManifest(value).map((issue) => ({
    path: issue.field.replace(/\/(\d+)(?=\/|$)/g, '[$1]').replace(/\//g, '.'),
    message: issue.reason,
  }));
  return [...own, ...hub.filter((p) => !named.has(p.path))];
}

function ownChecks(value: unknown): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  const problem = (path: string, message: string) => problems.push({ path, message });
  if (!isObject(value)) return [{ path: '(root)', message: 'the manifest must be a JSON object' }];
  const m = value;

  const text = (path: string, v: unknown, max = 200) => {
    if (typeof v !== 'string' || !v.trim()) problem(path, `must be a non-empty text, got ${show(v)}`);
    else if (v.length > max) problem(path, `must be at most ${max} characters`);
  };
  const localized = <T>(path: string, v: unknown, each: (path: string, item: unknown) => T): Language[] => {
    if (!isObject(v) || !('en' in v)) {
      problem(
        isObject(v) ? `${path}.en` : path,
        isObject(v)
          ? 'is required (English is the fallback of every text)'
          : `must map languages (${languages.join(', ')}) to values, got ${show(v)}`,
      );
      if (!isObject(v)) return [];
    }
    for (const [key, item] of Object.entries(v)) {
      if (!(languages as readonly string[]).includes(key))
        problem(`${path}.${key}`, `"${key}" is not a language Genio speaks (${languages.join(', ')})`);
      else each(`${path}.${key}`, item);
    }
    return Object.keys(v).filter((k): k is Language => (languages as readonly string[]).includes(k));
  };
  const list = (path: string, v: unknown, each: (path: string, item: unknown) => void, min = 1, max = 50) => {
    if (!Array.isArray(v) || v.length < min)
      problem(path, `must be a list of at least ${min}, got ${show(v)}`);
    else if (v.length > max) problem(path, `must be a list of at most ${max}`);
    else for (const [i, item] of v.entries()) each(`${path}[${i}]`, item);
  };

  const known = [
    'id',
    'version',
    'name',
    'description',
    'invocation',
    'intents',
    'permissions',
    'network',
    'resources',
    'payments',
  ];
  for (const key of Object.keys(m))
    if (!known.includes(key)) problem(key, `is not a manifest field (${known.join(', ')})`);
  if (typeof m.id !== 'string' || m.id.length > 80 || !/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/.test(m.id))
    problem('id', `must be reverse-DNS in lower case, like "com.example.hello", got ${show(m.id)}`);
  if (
    typeof m.version !== 'string' ||
    !/^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?$/.test(m.version)
  )
    problem('version', `must be a semantic version like "1.0.0", got ${show(m.version)}`);
  const spoken = localized('name', m.name, (p, v) => text(p, v, 60));
  localized('description', m.description, (p, v) => text(p, v, 500));
  const invoked = localized('invocation', m.invocation, (p, v) =>
    list(p, v, (ip, name) => text(ip, name, 40), 1, 5),
  );
  for (const language of spoken)
    if (!invoked.includes(language))
      problem(`invocation.${language}`, `the app has a ${language} name but no ${language} invocation name`);

  list(
    'intents',
    m.intents,
    (path, intent) => {
      if (!isObject(intent)) return problem(path, 'must be an object { name, slots?, sentences }');
      if (typeof intent.name !== 'string' || !/^[a-z][a-z0-9_]{0,39}$/.test(intent.name))
        problem(
          `${path}.name`,
          `must be lower case letters, digits and _ like "order_wings", got ${show(intent.name)}`,
        );
      const slots = intent.slots ?? {};
      if (!isObject(slots)) problem(`${path}.slots`, 'must map slot names to { type }');
      else
        for (const [name, slot] of Object.entries(slots)) {
          if (!/^[a-z][a-z0-9_]{0,29}$/.test(name))
            problem(`${path}.slots.${name}`, 'a slot name is lower case letters, digits and _');
          if (!isObject(slot) || !['text', 'number', 'duration', 'list'].includes(String(slot.type)))
            problem(
              `${path}.slots.${name}.type`,
              `must be "text", "number", "duration" or "list", got ${show(isObject(slot) ? slot.type : slot)}`,
            );
          else if ((slot.type === 'number' || slot.type === 'duration') && name !== slot.type)
            problem(`${path}.slots.${name}`, `a ${slot.type} slot must be named {${slot.type}}`);
          else if (slot.type === 'list')
            localized(`${path}.slots.${name}.values`, slot.values, (p, v) =>
              list(
                p,
                v,
                (vp, w) => {
                  if (!isObject(w))
                    return problem(
                      vp,
                      `must be { "text": words said, "value": what the app gets }, got ${show(w)}`,
                    );
                  text(`${vp}.text`, w.text, 60);
                  text(`${vp}.value`, w.value, 60);
                },
                1,
                200,
              ),
            );
        }
      localized(`${path}.sentences`, intent.sentences, (p, v) =>
        list(p, v, (sp, sentence) => {
          text(sp, sentence, 200);
          if (typeof sentence !== 'string') return;
          try {
            const { slots: used } = compileSentence(sentence);
            for (const slot of used)
              if (!isObject(slots) || !(slot in slots))
                problem(sp, `uses {${slot}}, which is not in ${path}.slots`);
          } catch (error) {
            if (error instanceof TemplateSyntaxError) problem(sp, error.message);
            else throw error;
          }
        }),
      );
    },
    0,
  );

  const declared = new Set<Permission>();
  list(
    'permissions',
    m.permissions,
    (path, entry) => {
      if (!isObject(entry)) return problem(path, 'must be an object { name, reason }');
      if (!(permissions as readonly unknown[]).includes(entry.name))
        problem(`${path}.name`, `must be one of ${permissions.join(', ')}, got ${show(entry.name)}`);
      else if (declared.has(entry.name as Permission))
        problem(`${path}.name`, `"${entry.name}" is listed twice`);
      else declared.add(entry.name as Permission);
      const reasons = localized(`${path}.reason`, entry.reason, (p, v) => text(p, v, 200));
      for (const language of spoken)
        if (!reasons.includes(language))
          problem(`${path}.reason.${language}`, `the household reads why in ${language}: add a reason`);
    },
    0,
  );

  if (m.network !== undefined) {
    if (!isObject(m.network)) problem('network', 'must be { allowlist: [hosts] }');
    else
      list(
        'network.allowlist',
        m.network.allowlist,
        (p, host) => {
          if (typeof host !== 'string' || host.length > 255 || !/^[a-z0-9.-]+(:\d{1,5})?$/.test(host))
            problem(
              p,
              `must be a host name like "api.example.com" or "127.0.0.1:8080" (no scheme, no path), got ${show(host)}`,
            );
        },
        0,
        20,
      );
  }
  if (
    declared.has('network') &&
    !(isObject(m.network) && Array.isArray(m.network.allowlist) && m.network.allowlist.length)
  )
    problem('network.allowlist', 'the "network" permission needs the hosts the app calls');
  if (
    !declared.has('network') &&
    isObject(m.network) &&
    Array.isArray(m.network.allowlist) &&
    m.network.allowlist.length
  )
    problem('network', 'an allowlist needs the "network" permission');

  if (m.resources !== undefined) {
    const bounds: Record<string, [number, number]> = {
      memoryMb: [4, 64],
      cpuMsPerEvent: [10, 1000],
      storageKb: [1, 1024],
    };
    if (!isObject(m.resources)) problem('resources', 'must be { memoryMb?, cpuMsPerEvent?, storageKb? }');
    else
      for (const [key, v] of Object.entries(m.resources)) {
        const range = bounds[key];
        if (!range) problem(`resources.${key}`, `is not a resource (${Object.keys(bounds).join(', ')})`);
        else if (typeof v !== 'number' || !Number.isInteger(v) || v < range[0] || v > range[1])
          problem(
            `resources.${key}`,
            `must be a whole number from ${range[0]} to ${range[1]}, got ${show(v)}`,
          );
      }
  }

  if (m.payments !== undefined) {
    if (!isObject(m.payments)) problem('payments', 'must be { merchantId, maxPerOrder }');
    else {
      text('payments.merchantId', m.payments.merchantId, 64);
      const max = m.payments.maxPerOrder;
      if (typeof max !== 'number' || !Number.isInteger(max) || max <= 0)
        problem(
          'payments.maxPerOrder',
          `must be a positive whole number of minor units (cents), got ${show(max)}`,
        );
    }
    if (!declared.has('payments'))
      problem('permissions', 'the app has "payments" but does not ask for the "payments" permission');
  } else if (declared.has('payments'))
    problem('payments', 'the "payments" permission needs { merchantId, maxPerOrder }');
  return problems;
}

/** The manifest, typed, or the problems in words (one line each, naming the field). */
export function readManifest(
  value: unknown,
): { manifest: Manifest; problems: [] } | { manifest: null; problems: ManifestProblem[] } {
  const problems = checkManifest(value);
  return problems.length ? { manifest: null, problems } : { manifest: value as Manifest, problems: [] };
}
