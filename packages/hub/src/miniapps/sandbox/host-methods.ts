import { GenioError } from '../../errors/index.js';

const segment = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const reserved = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Checks the dotted host method names an app is loaded with: each segment an identifier (and not
 * one that would reach a prototype), and no name that is also the prefix of another
 * ("storage" and "storage.get" cannot both be a function).
 */
export function checkHostMethods(methods: readonly string[]): ReadonlySet<string> {
  const names = new Set<string>();
  for (const method of methods) {
    const parts = method.split('.');
    if (parts.some((part) => !segment.test(part) || reserved.has(part))) {
      throw new GenioError('validation_failed', {
        field: 'hostMethods',
        reason: `"${method}" is not a dotted name`,
      });
    }
    names.add(method);
  }
  for (const method of names) {
    const parts = method.split('.');
    for (let i = 1; i < parts.length; i++) {
      const prefix = parts.slice(0, i).join('.');
      if (names.has(prefix)) {
        throw new GenioError('validation_failed', {
          field: 'hostMethods',
          reason: `"${prefix}" is both a method and a namespace`,
        });
      }
    }
  }
  return names;
}
