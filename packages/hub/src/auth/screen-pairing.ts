/**
 * Pairing a speaker screen with a home: someone allowed to manage the home asks for a short code,
 * the screen trades it once for a household token of that home. Codes are 6 characters from an
 * alphabet without look-alikes (about 10^9 values), live 10 minutes, and serve one claim; repeated
 * wrong guesses from one address are refused for a while.
 */
import { randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import { GenioError } from '../errors/index.js';
import { createFailureLimiter } from '../limits/index.js';
import type { Database } from '../storage/index.js';
import type { CreatedToken, TokenService } from './tokens.js';

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 6;
export const SCREEN_CODE_TTL_MS = 10 * 60_000;
const MAX_FAILURES = 10;
const FAILURE_WINDOW_MS = 5 * 60_000;

export interface ScreenPairingCode {
  code: string;
  homeId: string;
  expiresAt: number;
}

export interface ScreenPairing {
  create(homeId: string): Promise<ScreenPairingCode>;
  /** Trade a code for a new household token; `from` (the caller's address) is rate-limited on failures. */
  claim(code: string, from: string): Promise<CreatedToken>;
}

/** Accepts the code as shown ("ABC-234") or typed loosely ("abc 234"). */
export function normalizeScreenCode(code: string): string {
  return code.trim().toUpperCase().replace(/[\s-]/g, '');
}

export function createScreenPairing(deps: {
  db: Kysely<Database>;
  tokens: TokenService;
  clock?: () => number;
}): ScreenPairing {
  const now = deps.clock ?? Date.now;
  const failures = createFailureLimiter({
    freeFailures: MAX_FAILURES - 1,
    baseDelayMs: FAILURE_WINDOW_MS,
    maxDelayMs: 60 * 60_000,
    forgetAfterMs: FAILURE_WINDOW_MS,
    clock: now,
  });

  return {
    async create(homeId) {
      const at = now();
      let code = '';
      for (let i = 0; i < CODE_LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
      const expiresAt = at + SCREEN_CODE_TTL_MS;
      await deps.db.deleteFrom('screen_pairing_codes').where('expires_at', '<', at).execute();
      await deps.db
        .insertInto('screen_pairing_codes')
        .values({ code, home_id: homeId, expires_at: expiresAt, used_at: null, created_at: at })
        .execute();
      return { code, homeId, expiresAt };
    },
    async claim(raw, from) {
      const at = now();
      if (failures.blockedFor(from) > 0) throw new GenioError('rate_limited', { what: 'pairing attempts' });
      const code = normalizeScreenCode(raw);
      // One claim wins even when two screens race with the same code.
      const claimed = await deps.db
        .updateTable('screen_pairing_codes')
        .set({ used_at: at })
        .where('code', '=', code)
        .where('used_at', 'is', null)
        .where('expires_at', '>', at)
        .returning('home_id')
        .executeTakeFirst();
      if (!claimed) {
        failures.fail(from);
        throw new GenioError('not_found', { kind: 'pairing code', id: code });
      }
      const stamp = new Date(at).toISOString().slice(0, 16).replace('T', ' ');
      return deps.tokens.create({
        name: `Screen paired ${stamp}`,
        role: 'household',
        homeId: claimed.home_id,
      });
    },
  };
}
