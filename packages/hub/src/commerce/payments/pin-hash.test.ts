import { randomBytes, scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createPinHasher } from './pin-hash.js';

describe('PIN hashes', () => {
  it('verifies the PIN it hashed and refuses any other', async () => {
    const pins = createPinHasher(randomBytes(32));
    const stored = await pins.hash('2468');
    expect(stored).toMatch(/^scrypt2\$1024\$8\$1\$/);
    expect(stored).not.toContain('2468');
    expect(await pins.verify('2468', stored)).toEqual({ right: true, stale: false });
    expect((await pins.verify('2469', stored)).right).toBe(false);
    expect((await pins.verify('2468', null)).right).toBe(false);
    expect((await pins.verify('2468', 'plain$2468')).right).toBe(false);
  });

  it('is keyed: a hash taken from the database does not verify under another hub key', async () => {
    const stored = await createPinHasher(randomBytes(32)).hash('2468');
    expect((await createPinHasher(randomBytes(32)).verify('2468', stored)).right).toBe(false);
  });

  it('same key, same PIN: different salts, both verify', async () => {
    const key = randomBytes(32);
    const a = await createPinHasher(key).hash('2468');
    const b = await createPinHasher(key).hash('2468');
    expect(a).not.toBe(b);
    expect((await createPinHasher(key).verify('2468', b)).right).toBe(true);
  });

  it('still verifies the earlier unkeyed hashes and asks for them to be re-made', async () => {
    const salt = randomBytes(16);
    const legacy = `scrypt$${salt.toString('base64')}$${scryptSync('1357', salt, 32).toString('base64')}`;
    const pins = createPinHasher(randomBytes(32));
    expect(await pins.verify('1357', legacy)).toEqual({ right: true, stale: true });
    expect(await pins.verify('1358', legacy)).toEqual({ right: false, stale: false });
  });
});
