/**
 * A small JSON reader that remembers where each value sits in the text, so that a hub error naming
 * a path (`properties/1/dataType/specs/max`) can be shown at the right place, and a syntax error
 * can say its line and column the same way in every browser.
 */

/** Where a value (with its key, for an object member) sits in the text. */
export interface Span {
  start: number;
  end: number;
}

/** A syntax error with its position (line and column count from 1). */
export class JsonSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly offset: number,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${reason} (line ${line}, column ${column})`);
    this.name = 'JsonSyntaxError';
  }
}

/** Line and column (from 1) of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** Read `text` as JSON; returns the value and the span of every path ('' is the root). Throws JsonSyntaxError. */
export function locateJson(text: string): { value: unknown; spans: Map<string, Span> } {
  const spans = new Map<string, Span>();
  let i = 0;

  const fail = (message: string, at = i): never => {
    const { line, column } = lineColumn(text, at);
    throw new JsonSyntaxError(message, at, line, column);
  };
  const skip = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i++;
  };
  const describe = (at: number) =>
    at >= text.length ? 'Unexpected end of text' : `Unexpected character ${JSON.stringify(text[at])}`;

  const readString = (): string => {
    const start = i;
    i++;
    while (i < text.length) {
      const c = text[i] as string;
      if (c === '"') {
        i++;
        return JSON.parse(text.slice(start, i)) as string;
      }
      if (c === '\\') {
        const next = text[i + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail('Bad \\u escape in a string');
          i += 6;
        } else if (next !== undefined && '"\\/bfnrt'.includes(next)) i += 2;
        else fail('Bad escape in a string');
      } else if (c < ' ') {
        fail(
          c === '\n' ? 'Unterminated string (a line break inside quotes)' : 'Control character in a string',
        );
      } else i++;
    }
    return fail('Unterminated string', start);
  };

  const readValue = (path: string, spanStart: number): unknown => {
    skip();
    const start = i;
    const c = text[i];
    let value: unknown;
    if (c === '{') {
      i++;
      const object: Record<string, unknown> = {};
      skip();
      if (text[i] === '}') i++;
      else {
        for (;;) {
          skip();
          if (text[i] !== '"')
            fail(text[i] === '}' ? 'Trailing comma before }' : 'Expected a property name in double quotes');
          const keyStart = i;
          const key = readString();
          skip();
          if (text[i] !== ':') fail(`Expected : after "${key}"`);
          i++;
          object[key] = readValue(path === '' ? key : `${path}/${key}`, keyStart);
          skip();
          if (text[i] === ',') {
            i++;
            continue;
          }
          if (text[i] === '}') {
            i++;
            break;
          }
          fail(text[i] === undefined ? 'Unexpected end of text: missing }' : 'Expected , or } after a value');
        }
      }
      value = object;
    } else if (c === '[') {
      i++;
      const array: unknown[] = [];
      skip();
      if (text[i] === ']') i++;
      else {
        for (;;) {
          skip();
          if (text[i] === ']') fail('Trailing comma before ]');
          array.push(readValue(path === '' ? String(array.length) : `${path}/${array.length}`, i));
          skip();
          if (text[i] === ',') {
            i++;
            continue;
          }
          if (text[i] === ']') {
            i++;
            break;
          }
          fail(text[i] === undefined ? 'Unexpected end of text: missing ]' : 'Expected , or ] after a value');
        }
      }
      value = array;
    } else if (c === '"') {
      value = readString();
    } else if (c === 't' || c === 'f' || c === 'n') {
      const word = c === 't' ? 'true' : c === 'f' ? 'false' : 'null';
      if (text.slice(i, i + word.length) !== word) fail(describe(i));
      i += word.length;
      value = c === 't' ? true : c === 'f' ? false : null;
    } else {
      NUMBER.lastIndex = i;
      const match = NUMBER.exec(text);
      if (!match) fail(describe(i));
      i += (match as RegExpExecArray)[0].length;
      value = Number((match as RegExpExecArray)[0]);
    }
    spans.set(path, { start: Math.min(spanStart, start), end: i });
    return value;
  };

  skip();
  if (i >= text.length) fail('The text is empty: paste a thing model');
  const value = readValue('', i);
  skip();
  if (i < text.length) fail(`${describe(i)} after the end of the JSON`);
  return { value, spans };
}

/** The span of a path, or of its nearest ancestor that exists (a missing field points at its object). */
export function spanOf(spans: Map<string, Span>, path: string): { span: Span; path: string } | undefined {
  let current = path;
  for (;;) {
    const span = spans.get(current);
    if (span) return { span, path: current };
    if (current === '') return undefined;
    const cut = current.lastIndexOf('/');
    current = cut < 0 ? '' : current.slice(0, cut);
  }
}
