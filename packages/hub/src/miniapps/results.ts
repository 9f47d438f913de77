/**
 * What an app answers, checked before anything reaches the household: the result's shape, the size
 * of its speech and card, and that a card is the screen's declarative JSON — never markup or script.
 */
import { type MiniAppResult, MiniAppResultSchema, miniAppLimits } from '@genio/contracts';
import { Value } from 'typebox/value';
import { GenioError } from '../errors/index.js';

/** Markup, script URLs and event-handler attributes have no place in a card's text. */
const MARKUP = /<\s*\/?\s*[a-z!?]|javascript\s*:|data\s*:\s*text\/html|\bon[a-z]+\s*=/i;

function strings(value: unknown, path: string, out: Array<[string, string]>): void {
  if (typeof value === 'string') out.push([path, value]);
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) strings(v, `${path}/${i}`, out);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) strings(v, `${path}/${k}`, out);
}

/** Check an app's answer; throws validation_failed naming what is wrong. */
export function checkResult(value: unknown): MiniAppResult {
  if (value && typeof value === 'object' && 'card' in value) {
    const card = (value as { card: unknown }).card;
    const bytes = Buffer.byteLength(JSON.stringify(card ?? null), 'utf8');
    if (bytes > miniAppLimits.cardBytes)
      throw new GenioError('payload_too_large', { limit: miniAppLimits.cardBytes, field: 'card' });
    const texts: Array<[string, string]> = [];
    strings(card, 'card', texts);
    const marked = texts.find(([, text]) => MARKUP.test(text));
    if (marked)
      throw new GenioError('validation_failed', {
        field: marked[0],
        reason: 'cards are declarative JSON: HTML, script and script URLs are refused',
      });
    const url = texts.find(([path, text]) => /(url|Url)$/.test(path) && !/^https?:\/\//i.test(text));
    if (url)
      throw new GenioError('validation_failed', { field: url[0], reason: 'must be an http or https URL' });
  }
  if (!Value.Check(MiniAppResultSchema, value)) {
    const [first] = [...Value.Errors(MiniAppResultSchema, value)].filter((e) => e.keyword !== 'boolean');
    const speech = (value as { speech?: unknown } | null)?.speech;
    if (typeof speech === 'string' && speech.length > miniAppLimits.speechChars)
      throw new GenioError('payload_too_large', { limit: miniAppLimits.speechChars, field: 'speech' });
    throw new GenioError('validation_failed', {
      field: `result${first?.instancePath ?? ''}`,
      reason: first?.message ?? 'is not { speech, card?, ask?, end? }',
    });
  }
  return value;
}
