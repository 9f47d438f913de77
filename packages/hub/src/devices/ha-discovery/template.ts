/**
 * A small, safe subset of Home Assistant's Jinja value templates: exactly what Zigbee2MQTT,
 * Tasmota and ESPHome discovery payloads use. Nothing is evaluated as code.
 */

/** A template this evaluator does not understand. */
export class UnsupportedTemplate extends Error {
  constructor(template: string) {
    super(`unsupported template: ${template}`);
    this.name = 'UnsupportedTemplate';
  }
}

type Vars = Record<string, unknown>;

const pathStep = /^(?:\.([A-Za-z_][A-Za-z0-9_]*)|\[\s*'([^']*)'\s*\]|\[\s*"([^"]*)"\s*\]|\[\s*(\d+)\s*\])/;

function lookup(expr: string, vars: Vars, template: string): unknown {
  const head = /^([A-Za-z_][A-Za-z0-9_]*)/.exec(expr);
  if (!head) throw new UnsupportedTemplate(template);
  let value: unknown = vars[head[1] as string];
  let rest = expr.slice((head[1] as string).length).trim();
  while (rest) {
    const step = pathStep.exec(rest);
    if (!step) throw new UnsupportedTemplate(template);
    const key = step[1] ?? step[2] ?? step[3] ?? step[4];
    // Python-style dunder names are how template injection starts in Jinja; nothing legitimate uses them.
    if (key?.startsWith('__')) throw new UnsupportedTemplate(template);
    value =
      value !== null && typeof value === 'object'
        ? (value as Record<string, unknown>)[key as string]
        : undefined;
    rest = rest.slice(step[0].length).trim();
  }
  return value;
}

function literal(text: string): unknown {
  const t = text.trim();
  if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
  const quoted = /^'(.*)'$|^"(.*)"$/.exec(t);
  if (quoted) return quoted[1] ?? quoted[2];
  if (t === 'true' || t === 'false') return t === 'true';
  return undefined;
}

function applyFilter(value: unknown, filter: string, template: string): unknown {
  const call = /^([a-z_]+)\s*(?:\((.*)\))?$/.exec(filter.trim());
  if (!call) throw new UnsupportedTemplate(template);
  const [, name, arg] = call;
  switch (name) {
    case 'int': {
      const n = Number.parseInt(String(value), 10);
      return Number.isNaN(n) ? 0 : n;
    }
    case 'float': {
      const n = Number.parseFloat(String(value));
      return Number.isNaN(n) ? 0 : n;
    }
    case 'round': {
      const digits = arg ? Number(arg) : 0;
      const n = Number(value);
      return Number.isFinite(n) ? Number(n.toFixed(digits)) : value;
    }
    case 'lower':
      return String(value).toLowerCase();
    case 'upper':
      return String(value).toUpperCase();
    case 'string':
      return String(value);
    case 'default':
      return value === undefined || value === null ? literal(arg ?? '') : value;
    default:
      throw new UnsupportedTemplate(template);
  }
}

function evaluate(expression: string, vars: Vars, template: string): unknown {
  const [head, ...filters] = expression.split('|');
  const lit = literal(head as string);
  let value = lit === undefined ? lookup((head as string).trim(), vars, template) : lit;
  for (const filter of filters) value = applyFilter(value, filter, template);
  return value;
}

/**
 * Render a template. A template that is one `{{ expression }}` returns the value itself (number,
 * string, object); text around expressions makes a string.
 */
export function renderTemplate(template: string, vars: Vars): unknown {
  if (template.includes('{%')) throw new UnsupportedTemplate(template);
  const whole = /^\s*\{\{(.*?)\}\}\s*$/s.exec(template);
  if (whole && !(whole[1] as string).includes('}}')) return evaluate(whole[1] as string, vars, template);
  return template.replace(/\{\{(.*?)\}\}/gs, (_m, expr: string) => {
    const v = evaluate(expr, vars, template);
    return typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);
  });
}

/** Evaluate a value template against an MQTT payload; without a template the payload itself. */
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
