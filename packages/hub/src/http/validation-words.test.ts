import { describe, expect, it } from 'vitest';
import { describePattern, plainReason } from './validation-words.js';

describe('validation issues in plain words', () => {
  it.each([
    ['^[A-Z0-9]{6}$', 'must be 6 capital letters or digits'],
    ['^[A-Za-z0-9_-]{1,64}$', "must be 1-64 letters, digits, '_' or '-'"],
    ['^[a-z]+$', 'must be one or more lower-case letters'],
    ['^[0-9]{4,}$', 'must be at least 4 digits'],
  ])('says what %s wants', (pattern, words) => {
    expect(describePattern(pattern)).toBe(words);
    expect(plainReason({ keyword: 'pattern', params: { pattern } })).toBe(words);
  });

  it('never shows a pattern it cannot put in words', () => {
    const reason = plainReason({ keyword: 'pattern', params: { pattern: '^(?:a|b)\\d+$' } });
    expect(reason).toBe('is not in the expected form');
  });

  it('words the other rules without schema terms', () => {
    expect(plainReason({ keyword: 'maxLength', params: { limit: 100 } })).toBe(
      'must be at most 100 characters',
    );
    expect(plainReason({ keyword: 'minLength', params: { limit: 1 } })).toBe('must not be empty');
    expect(plainReason({ keyword: 'type', params: { type: 'integer' } })).toBe('must be a whole number');
    expect(plainReason({ keyword: 'maximum', params: { limit: 5000 } })).toBe('must be 5000 or less');
    expect(plainReason({ keyword: 'anyOf', params: {} })).toBe('is not one of the accepted forms');
  });
});
