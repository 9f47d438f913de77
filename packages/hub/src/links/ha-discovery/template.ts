/**
 * A small, safe subset of Home Assistant's Jinja templates: what Zigbee2MQTT, Tasmota and ESPHome
 * discovery payloads use. Nothing is evaluated as code: expressions are parsed by hand, and
 * anything outside the subset is refused with UnsupportedTemplate.
 *
 * Supported: `{{ value }}`, `{{ value_json.a.b }}`, `{{ value_json['a'] }}`, `{{ value_json.list[0] }}`,
 * literals (numbers, quoted strings, true/false/none), a dict literal looked up by key
 * (`{{ {'off': 0, 'low': 33}[value_json.fan_mode] }}`), and the filters `int`, `float`, `round(n)`,
 * `lower`, `upper`, `string`, `trim`, `default(x)`, `is_defined`.
 */

/** A template this evaluator does not understand. */
export class UnsupportedTemplate extends Error {
  readonly template: string;
  constructor(template: string, detail?: string) {
    super(`unsupported template${detail ? ` (${detail})` : ''}: ${template}`);
    this.name = 'UnsupportedTemplate';
    this.template = template;
  }
}

/** A template asked for a value the payload does not have (`| is_defined`): no state to take from it. */
export class TemplateValueMissing extends Error {
  constructor(template: string) {
    super(`template value missing: ${template}`);
    this.name = 'TemplateValueMissing';
  }
}

type Vars = Record<string, unknown>;

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*/;
const pathStep = /^(?:\.([A-Za-z_][A-Za-z0-9_]*)|\[\s*'([^']*)'\s*\]|\[\s*"([^"]*)"\s*\]|\[\s*(-?\d+)\s*\])/;

/** Split on a separator outside quotes and brackets. */
function splitTop(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === separator && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

const NOT_LITERAL = Symbol('not a literal');

function literal(text: string): unknown {
  const t = text.trim();
  if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
  const quoted = /^'([^']*)'$|^"([^"]*)"$/.exec(t);
  if (quoted) return quoted[1] ?? quoted[2];
  if (t === 'true' || t === 'True') return true;
  if (t === 'false' || t === 'False') return false;
  if (t === 'none' || t === 'None') return null;
  return NOT_LITERAL;
}

function lookup(expr: string, vars: Vars, template: string): unknown {
  const head = IDENT.exec(expr);
  if (!head) throw new UnsupportedTemplate(template, `cannot read ${expr}`);
  const name = head[0];
  if (!Object.hasOwn(vars, name)) throw new UnsupportedTemplate(template, `unknown name ${name}`);
  let value: unknown = vars[name];
  let rest = expr.slice(name.length).trim();
  while (rest) {
    const step = pathStep.exec(rest);
    if (!step) throw new UnsupportedTemplate(template, `cannot read ${rest}`);
    const key = step[1] ?? step[2] ?? step[3];
    // Dunder names are how template injection starts in Jinja; nothing legitimate uses them.
    if (key?.startsWith('__')) throw new UnsupportedTemplate(template, 'dunder name');
    if (value === null || value === undefined || typeof value !== 'object') value = undefined;
    else if (step[4] !== undefined) {
      const index = Number(step[4]);
      value = Array.isArray(value) ? value[index < 0 ? value.length + index : index] : undefined;
    } else
      value = Object.hasOwn(value, key as string)
        ? (value as Record<string, unknown>)[key as string]
        : undefined;
    rest = rest.slice(step[0].length).trim();
  }
  return value;
}

/** `{'a': 1, 2: 'b'}[expr]`: a literal table looked up by a path or literal. */
function dictLookup(expr: string, vars: Vars, template: string): unknown {
  let depth = 0;
  let quote: string | null = null;
  let end = -1;
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i] as string;
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new UnsupportedTemplate(template, 'unclosed dict');
  const body = expr.slice(1, end);
  const index = /^\s*\[(.*)\]\s*$/s.exec(expr.slice(end + 1));
  if (!index) throw new UnsupportedTemplate(template, 'a dict must be looked up by key');
  const table = new Map<string, unknown>();
  if (body.trim()) {
    for (const entry of splitTop(body, ',')) {
      if (!entry.trim()) continue;
      const [k, v, ...extra] = splitTop(entry, ':');
      const key = literal(k ?? '');
      const value = literal(v ?? '');
      if (extra.length || key === NOT_LITERAL || value === NOT_LITERAL)
        throw new UnsupportedTemplate(template, 'dict entries must be literals');
      table.set(String(key), value);
    }
  }
  const key = operand((index[1] as string).trim(), vars, template);
  return table.get(String(key));
}

function operand(text: string, vars: Vars, template: string): unknown {
  const lit = literal(text);
  if (lit !== NOT_LITERAL) return lit;
  if (text.startsWith('{')) return dictLookup(text, vars, template);
  return lookup(text, vars, template);
}

function toNumber(value: unknown, parse: (s: string) => number): number | null {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  const n = parse(value.trim());
  return Number.isFinite(n) ? n : null;
}

function filterArgs(arg: string | undefined, template: string): unknown[] {
  if (arg === undefined || !arg.trim()) return [];
  return splitTop(arg, ',').map((a) => {
    const v = literal(a);
    if (v === NOT_LITERAL) throw new UnsupportedTemplate(template, `filter argument ${a.trim()}`);
    return v;
  });
}

function applyFilter(value: unknown, filter: string, template: string): unknown {
  const call = /^([a-z_]+)\s*(?:\((.*)\))?$/s.exec(filter.trim());
  if (!call) throw new UnsupportedTemplate(template, `filter ${filter.trim()}`);
  const name = call[1] as string;
  const args = filterArgs(call[2], template);
  switch (name) {
    case 'int': {
      const n = toNumber(value, Number.parseFloat);
      return n === null ? (args[0] ?? 0) : Math.trunc(n);
    }
    case 'float': {
      const n = toNumber(value, Number.parseFloat);
      return n === null ? (args[0] ?? 0) : n;
    }
    case 'round': {
      const digits = typeof args[0] === 'number' ? args[0] : 0;
      const method = args[1] ?? 'common';
      const n = toNumber(value, Number);
      if (n === null) return value;
      const f = 10 ** digits;
      const rounded =
        method === 'floor'
          ? Math.floor(n * f) / f
          : method === 'ceil'
            ? Math.ceil(n * f) / f
            : (Math.sign(n) * Math.round(Math.abs(n) * f)) / f;
      return Number(rounded.toFixed(digits));
    }
    case 'lower':
      return String(value ?? '').toLowerCase();
    case 'upper':
      return String(value ?? '').toUpperCase();
    case 'trim':
      return String(value ?? '').trim();
    case 'string':
      return value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
    case 'default':
    case 'd': {
      const falsy = args[1] === true && (value === null || value === '' || value === false || value === 0);
      return value === undefined || falsy ? args[0] : value;
    }
    case 'is_defined':
      if (value === undefined) throw new TemplateValueMissing(template);
      return value;
    default:
      throw new UnsupportedTemplate(template, `filter ${name}`);
  }
}

function evaluate(expression: string, vars: Vars, template: string): unknown {
  const [head, ...filters] = splitTop(expression, '|');
  let value = operand((head as string).trim(), vars, template);
  for (const filter of filters) value = applyFilter(value, filter, template);
  return value;
}

function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/**
 * Render a template. A template that is one `{{ expression }}` returns the value itself (number,
 * string, object, undefined); text around expressions makes a string.
 */
export function renderTemplate(template: string, vars: Vars): unknown {
  if (template.includes('{%') || template.includes('{#'))
    throw new UnsupportedTemplate(template, 'statements');
  const pieces: Array<string | { expr: string }> = [];
  let rest = template;
  while (rest) {
    const open = rest.indexOf('{{');
    if (open === -1) {
      pieces.push(rest);
      break;
    }
    if (open) pieces.push(rest.slice(0, open));
    // The closing braces are the first `}}` outside quotes and dict literals.
    let depth = 0;
    let quote: string | null = null;
    let close = -1;
    for (let i = open + 2; i < rest.length; i++) {
      const c = rest[i] as string;
      if (quote) {
        if (c === quote) quote = null;
      } else if (c === "'" || c === '"') quote = c;
      else if (c === '{') depth++;
      else if (c === '}') {
        if (depth === 0 && rest[i + 1] === '}') {
          close = i;
          break;
        }
        depth--;
      }
    }
    if (close === -1) throw new UnsupportedTemplate(template, 'unclosed {{');
    pieces.push({ expr: rest.slice(open + 2, close) });
    rest = rest.slice(close + 2);
  }
  const exprs = pieces.filter((p): p is { expr: string } => typeof p !== 'string');
  if (exprs.length === 1 && pieces.every((p) => typeof p !== 'string' || !p.trim()))
    return evaluate((exprs[0] as { expr: string }).expr, vars, template);
  return pieces.map((p) => (typeof p === 'string' ? p : text(evaluate(p.expr, vars, template)))).join('');
}

/** Throw UnsupportedTemplate unless the evaluator understands the template (checked with no values). */
export function checkTemplate(template: string, names: readonly string[]): void {
  const vars: Vars = Object.fromEntries(names.map((n) => [n, undefined]));
  try {
    renderTemplate(template, vars);
  } catch (error) {
    if (error instanceof TemplateValueMissing) return;
    throw error;
  }
}

/** Evaluate a value template against an MQTT payload; without a template the payload itself (JSON scalars parsed). */
export function valueFromPayload(template: string | undefined, payload: string): unknown {
  let json: unknown;
  try {
    json = JSON.parse(payload);
  } catch {
    json = undefined;
  }
  if (!template) return json !== undefined && (typeof json !== 'object' || json === null) ? json : payload;
  return renderTemplate(template, { value: payload, value_json: json });
}
