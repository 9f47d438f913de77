/**
 * How a payment PIN (and a screen challenge) is kept. A 4-8 digit PIN has at most 10^8 values, so
 * no hash cost makes a stolen database safe by itself: an attacker tries every PIN. What protects it
 * is a key outside the database (the hub's secret key, `hub.key`), mixed in before hashing, and the
 * lockout after five wrong answers online. The scrypt cost is therefore set for the hub's load, not
 * for offline guessing: N=2^10 costs ~2 ms of one core, so the PIN check does not cap how many orders
 * a hub can take per second (N=2^14 cost ~40 ms and did). The parameters travel in the stored string,
 * so hashes made with other costs still verify and are re-made with the current ones when they do.
 */
import { createHmac, hkdfSync, randomBytes, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';

const COST = { N: 1024, r: 8, p: 1 };
const LENGTH = 32;

function scrypt(secret: Buffer, salt: Buffer, length: number, cost: typeof COST): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCallback(secret, salt, length, { ...cost, maxmem: 64 * 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/** Hashes and checks PINs under one key. */
export interface PinHasher {
  hash(secret: string): Promise<string>;
  /** Whether `secret` is the one hashed into `stored`, and whether `stored` should be re-made. */
  verify(secret: string, stored: string | null): Promise<{ right: boolean; stale: boolean }>;
}

/**
 * A hasher whose PINs are keyed with `key` (derived from the hub's secret key). Without a key (tests
 * of the services alone) a random one is made: its hashes do not survive the process.
 */
export function createPinHasher(key?: Buffer): PinHasher {
  const pepper = Buffer.from(
    hkdfSync('sha256', key ?? randomBytes(32), Buffer.alloc(0), 'genio payment pin', 32),
  );
  const keyed = (secret: string) => createHmac('sha256', pepper).update(secret, 'utf8').digest();

  return {
    async hash(secret) {
      const salt = randomBytes(16);
      const hash = await scrypt(keyed(secret), salt, LENGTH, COST);
      return `scrypt2$${COST.N}$${COST.r}$${COST.p}$${salt.toString('base64')}$${hash.toString('base64')}`;
    },
    async verify(secret, stored) {
      if (!stored) return { right: false, stale: false };
      const parts = stored.split('$');
      if (parts[0] === 'scrypt2' && parts.length === 6) {
        const [, n, r, p, salt, hash] = parts as [string, string, string, string, string, string];
        const cost = { N: Number(n), r: Number(r), p: Number(p) };
        const want = Buffer.from(hash, 'base64');
        const got = await scrypt(keyed(secret), Buffer.from(salt, 'base64'), want.length, cost);
        const right = timingSafeEqual(got, want);
        return { right, stale: right && (cost.N !== COST.N || cost.r !== COST.r || cost.p !== COST.p) };
      }
      // Before keyed hashes: scrypt of the PIN itself with Node's default cost (N=2^14).
      if (parts[0] === 'scrypt' && parts.length === 3) {
        const want = Buffer.from(parts[2] as string, 'base64');
        const got = await scrypt(
          Buffer.from(secret, 'utf8'),
          Buffer.from(parts[1] as string, 'base64'),
          want.length,
          {
            N: 16384,
            r: 8,
            p: 1,
          },
        );
        const right = timingSafeEqual(got, want);
        return { right, stale: right };
      }
      return { right: false, stale: false };
    },
  };
}
