/**
 * Ajv's issues in plain words for people filling a form: "must be 6 capital letters or digits",
 * never "must match pattern ^[A-Z0-9]{6}$". Schema internals stay out of problem details.
 */

/** One schema validation issue as Ajv reports it. */
export interface AjvIssue {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
}

const CLASS_WORDS: ReadonlyArray<[RegExp, string]> = [
  [/^A-Za-z|^a-zA-Z/, 'letters'],
  [/^A-Z/, 'capital letters'],
  [/^a-z/, 'lower-case letters'],
  [/^0-9|^\\d/, 'digits'],
  [/^_/, "'_'"],
  [/^\\?-/, "'-'"],
  [/^\\?\./, "'.'"],
  [/^ /, 'spaces'],
];

function classWords(body: string): string[] | null {
  const words: string[] = [];
  let rest = body;
  while (rest) {
    const match = CLASS_WORDS.find(([re]) => re.test(rest));
    if (!match) return null;
    words.push(match[1]);
    rest = rest.replace(match[0], '');
  }
  return words;
}

function list(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

/** A pattern such as ^[A-Za-z0-9_-]{1,64}$ in words; null when it is not a simple character class. */
export function describePattern(pattern: string): string | null {
  const match = /^\^\[([^\]^]+)\](\{(\d+)(,(\d*))?\}|\+|\*)\$$/.exec(pattern);
  if (!match) return null;
  const words = classWords(match[1] as string);
  if (!words) return null;
  const [, , quantifier, min, comma, max] = match;
  const what = list(words);
  if (quantifier === '+') return `must be one or more ${what}`;
  if (quantifier === '*') return `may only contain ${what}`;
  if (comma === undefined) return `must be ${min} ${what}`;
  if (!max) return `must be at least ${min} ${what}`;
  return `must be ${min}-${max} ${what}`;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  null: 'null',
};

/** The reason an issue gives, in plain words; the field is named separately. */
export function plainReason(issue: AjvIssue): string {
  const params = issue.params ?? {};
  const n = (key: string) => Number(params[key]);
  switch (issue.keyword) {
    case 'required':
      return 'is required';
    case 'additionalProperties':
      return 'is not a known field';
    case 'enum':
      return Array.isArray(params.allowedValues)
        ? `must be one of ${params.allowedValues.join(', ')}`
        : 'is not one of the allowed values';
    case 'const':
      return `must be ${String(params.allowedValue)}`;
    case 'pattern':
      return describePattern(String(params.pattern ?? '')) ?? 'is not in the expected form';
    case 'format':
      return `must be a valid ${String(params.format)}`;
    case 'minLength':
      return n('limit') === 1 ? 'must not be empty' : `must be at least ${n('limit')} characters`;
    case 'maxLength':
      return `must be at most ${n('limit')} characters`;
    case 'minimum':
      return `must be ${n('limit')} or more`;
    case 'maximum':
      return `must be ${n('limit')} or less`;
    case 'exclusiveMinimum':
      return `must be more than ${n('limit')}`;
    case 'exclusiveMaximum':
      return `must be less than ${n('limit')}`;
    case 'minItems':
      return `must have at least ${n('limit')} items`;
    case 'maxItems':
      return `must have at most ${n('limit')} items`;
    case 'minProperties':
      return `must have at least ${n('limit')} fields`;
    case 'maxProperties':
      return `must have at most ${n('limit')} fields`;
    case 'type': {
      const types = String(params.type ?? '')
        .split(',')
        .map((t) => TYPE_WORDS[t] ?? t);
      return `must be ${list(types)}`;
    }
    case 'anyOf':
    case 'oneOf':
      return 'is not one of the accepted forms';
    default:
      return 'is not valid';
  }
}

/**
 * The reason for the first failing field. A union of literals (TypeBox's way to write an enum) fails
 * as one `const` issue per choice plus `anyOf`: that reads best as "must be one of ...".
 */
export function plainReasonOf(issues: readonly AjvIssue[]): string {
  const first = issues[0] ?? {};
  const atSamePath = issues.filter((i) => i.instancePath === first.instancePath);
  if (first.keyword === 'const' && atSamePath.some((i) => i.keyword === 'anyOf' || i.keyword === 'oneOf')) {
    const choices = atSamePath
      .filter((i) => i.keyword === 'const')
      .map((i) => String(i.params?.allowedValue));
    return `must be one of ${choices.join(', ')}`;
  }
  return plainReason(first);
}
