/**
 * Sentence templates: `(turn|switch) on [the] {name}`. Words, `(a|b)` alternatives, `[x]`
 * optional parts, `{slot}` slots and `<rule>` references to named rules. The recogniser compiles
 * templates into one graph of word and slot edges (see compileTemplate).
 */
import { tokenize } from './normalize.js';

/** One element of an expanded sentence. */
export type Item = { word: string } | { slot: string };

/** A parsed template. */
export type TemplateNode =
  | { kind: 'seq'; items: TemplateNode[] }
  | { kind: 'alt'; options: TemplateNode[] }
  | { kind: 'opt'; inner: TemplateNode }
  | { kind: 'text'; text: string }
  | { kind: 'slot'; name: string }
  | { kind: 'ref'; name: string };

/** A template that cannot be read, with where. */
export class TemplateError extends Error {
  constructor(template: string, reason: string) {
    super(`${reason} in template "${template}"`);
    this.name = 'TemplateError';
  }
}

function parse(template: string): TemplateNode {
  let i = 0;
  const readSeq = (closers: string): TemplateNode => {
    const options: TemplateNode[] = [];
    let items: TemplateNode[] = [];
    let text = '';
    const flushText = () => {
      if (text.trim()) items.push({ kind: 'text', text });
      text = '';
    };
    while (i < template.length) {
      const ch = template[i] as string;
      if (closers.includes(ch)) break;
      i++;
      if (ch === '(' || ch === '[') {
        flushText();
        const inner = readSeq(ch === '(' ? ')' : ']');
        if (template[i] !== (ch === '(' ? ')' : ']')) throw new TemplateError(template, `unclosed ${ch}`);
        i++;
        items.push(ch === '[' ? { kind: 'opt', inner } : inner);
      } else if (ch === '{' || ch === '<') {
        flushText();
        const close = ch === '{' ? '}' : '>';
        const end = template.indexOf(close, i);
        if (end === -1) throw new TemplateError(template, `unclosed ${ch}`);
        const name = template.slice(i, end).trim();
        if (!/^[a-z_][a-z0-9_]*$/i.test(name)) throw new TemplateError(template, `bad name "${name}"`);
        items.push(ch === '{' ? { kind: 'slot', name } : { kind: 'ref', name });
        i = end + 1;
      } else if (ch === '|') {
        flushText();
        options.push({ kind: 'seq', items });
        items = [];
      } else if (ch === ')' || ch === ']' || ch === '}' || ch === '>') {
        throw new TemplateError(template, `unexpected ${ch}`);
      } else {
        text += ch;
      }
    }
    flushText();
    if (options.length) {
      options.push({ kind: 'seq', items });
      return { kind: 'alt', options };
    }
    return { kind: 'seq', items };
  };
  const root = readSeq('');
  if (i < template.length) throw new TemplateError(template, `unexpected ${template[i]}`);
  return root;
}

/** Parse named rules once, for use by many templates. */
export function parseRules(rules: Record<string, string>): Map<string, TemplateNode> {
  return new Map(Object.entries(rules).map(([name, text]) => [name, parse(text)]));
}

/** Parse one template. */
export function parseTemplate(template: string): TemplateNode {
  return parse(template);
}

/**
 * Walk a template as a graph: `word` and `slot` create an edge from every state in `from` to one
 * new state; the states reached at the end are returned. Alternatives and optional parts share
 * their start states, so a template with many variants never expands into all its sentences.
 */
export function compileTemplate<S>(
  template: string,
  rules: ReadonlyMap<string, TemplateNode>,
  from: S[],
  edge: (from: S[], item: Item) => S,
): S[] {
  const walk = (node: TemplateNode, states: S[], depth: number): S[] => {
    if (depth > 20) throw new TemplateError(template, 'rules refer to each other in a loop');
    switch (node.kind) {
      case 'text': {
        let current = states;
        for (const word of tokenize(node.text)) current = [edge(current, { word })];
        return current;
      }
      case 'slot':
        return [edge(states, { slot: node.name })];
      case 'ref': {
        const rule = rules.get(node.name);
        if (!rule) throw new TemplateError(template, `unknown rule <${node.name}>`);
        return walk(rule, states, depth + 1);
      }
      case 'opt':
        return [...new Set([...states, ...walk(node.inner, states, depth)])];
      case 'alt':
        return [...new Set(node.options.flatMap((o) => walk(o, states, depth)))];
      case 'seq': {
        let current = states;
        for (const item of node.items) current = walk(item, current, depth);
        return current;
      }
    }
  };
  return walk(parse(template), from, 0);
}
