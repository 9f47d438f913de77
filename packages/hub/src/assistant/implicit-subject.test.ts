import { describe, expect, it } from 'vitest';
import { withSubject } from './implicit-subject.js';

describe('withSubject', () => {
  it('puts the device where the pronoun was', () => {
    expect(withSubject('now make it green', 'en', ['LED strip'])).toBe('now make LED strip green');
    expect(withSubject('mets-le en vert', 'fr', ['ruban LED'])).toBe('mets ruban LED en vert');
    expect(withSubject('把它调成蓝色', 'zh', ['灯带'])).toBe('把灯带调成蓝色');
  });

  it('names several devices with the language’s "and"', () => {
    expect(withSubject('turn them off', 'en', ['TV', 'lamp'])).toBe('turn TV and lamp off');
    expect(withSubject('finalement éteins les deux', 'fr', ['télé', 'lampe'])).toBe(
      'finalement télé et lampe éteins les deux',
    );
  });

  it('opens an Italian verb that carries its object', () => {
    expect(withSubject('mettila verde', 'it', ['striscia LED'])).toBe('metti striscia LED verde');
    expect(withSubject('falla partire', 'it', ['lavatrice'])).toBe('fa lavatrice partire');
  });

  it('says the device first when no pronoun was said, after an opening correction', () => {
    expect(withSubject('un peu moins', 'fr', ['suspension'])).toBe('suspension un peu moins');
    expect(withSubject('no, a bit less', 'en', ['pendant'])).toBe('no, pendant a bit less');
    expect(withSubject('不对，我要的是蓝色', 'zh', ['灯带'])).toBe('不对，灯带要蓝色');
    expect(withSubject('换成睡眠模式', 'zh', ['加湿器'])).toBe('加湿器换成睡眠模式');
  });

  it('gives nothing when nothing was acted on or nothing is left to say', () => {
    expect(withSubject('make it green', 'en', [])).toBeNull();
    expect(withSubject('no', 'en', ['lamp'])).toBeNull();
  });
});
