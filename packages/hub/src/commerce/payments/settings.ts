/**
 * Who may pay by voice in a home, and the second factor. Off until a household member turns it on.
 * The PIN is kept only as an scrypt hash; five wrong answers (PIN or challenge) lock payments for
 * fifteen minutes; the wrong-answer counter is incremented in the database, so concurrent guesses
 * all count. A one-time challenge (two digits shown on the home's screen, valid two minutes, used
 * once) makes an overheard PIN worthless. Limits are per order and per rolling 24 hours.
 */
import { randomInt } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { GenioError } from '../../errors/index.js';
import type { Database } from '../../storage/index.js';
import type { CommerceTables, PaymentSettingsTable } from '../tables.js';
import { createPinHasher } from './pin-hash.js';

/** Wrong answers before payments lock. */
export const MAX_WRONG = 5;
/** How long payments stay locked. */
export const LOCK_MS = 15 * 60_000;
/** How long a screen challenge is valid. */
export const CHALLENGE_MS = 2 * 60_000;

/** A home's payment settings as shown (never the PIN). */
export interface PaymentSettings {
  homeId: string;
  enabled: boolean;
  hasPin: boolean;
  currency: string;
  perOrderLimit: number;
  dailyLimit: number;
  deniedTokenIds: string[];
  lockedUntil: number | null;
}

/** What a household sets. */
export interface PaymentSettingsInput {
  enabled: boolean;
  pin?: string;
  currency?: string;
  perOrderLimit: number;
  dailyLimit: number;
  deniedTokenIds?: string[];
}

/** The second factor a payment comes with. */
export type SecondFactor = { pin: string } | { challenge: string };

/** Payment settings and second-factor checks. */
export interface PaymentGuard {
  get(homeId: string): Promise<PaymentSettings>;
  set(homeId: string, input: PaymentSettingsInput): Promise<PaymentSettings>;
  /** A new two-digit challenge for the home's screen (replaces the previous one). */
  newChallenge(homeId: string): Promise<{ code: string; expiresAt: number }>;
  /**
   * Check everything before money moves: enabled, payer allowed, not locked, the second factor, and
   * the limits (`spentToday` is what the home paid in the last 24 hours). Throws the matching error.
   */
  authorize(
    homeId: string,
    input: { tokenId: string; amount: number; currency: string; factor: SecondFactor; spentToday: number },
  ): Promise<void>;
}

function toSettings(row: PaymentSettingsTable, at: number): PaymentSettings {
  return {
    homeId: row.home_id,
    enabled: row.enabled === 1,
    hasPin: row.pin_hash !== null,
    currency: row.currency,
    perOrderLimit: Number(row.per_order_limit),
    dailyLimit: Number(row.daily_limit),
    deniedTokenIds: JSON.parse(row.denied) as string[],
    lockedUntil: Number(row.locked_until) > at ? Number(row.locked_until) : null,
  };
}

function checkLimit(value: unknown, field: string): void {
  if (!Number.isSafeInteger(value) || (value as number) < 0)
    throw new GenioError('validation_failed', {
      field,
      reason: 'must be a whole number of minor units, 0 or more',
    });
}

/** Build the guard over the database. */
export function createPaymentGuard(deps: {
  db: Kysely<Database>;
  clock?: () => number;
  /** The hub's secret key: PINs are keyed with it before hashing (see pin-hash.ts). */
  pinKey?: Buffer;
}): PaymentGuard {
  const db = deps.db.withTables<CommerceTables>();
  const now = deps.clock ?? Date.now;
  const pins = createPinHasher(deps.pinKey);
  const hashSecret = (secret: string) => pins.hash(secret);

  async function row(homeId: string): Promise<PaymentSettingsTable | undefined> {
    return db.selectFrom('payment_settings').selectAll().where('home_id', '=', homeId).executeTakeFirst();
  }

  /** Count a wrong answer; lock once the count reaches the limit. Returns the attempts left. */
  async function wrongAnswer(homeId: string): Promise<number> {
    const at = now();
    await db
      .updateTable('payment_settings')
      .set({ failed_attempts: sql`failed_attempts + 1`, updated_at: at })
      .where('home_id', '=', homeId)
      .execute();
    await db
      .updateTable('payment_settings')
      .set({ locked_until: at + LOCK_MS, failed_attempts: 0, challenge_hash: null })
      .where('home_id', '=', homeId)
      .where('failed_attempts', '>=', MAX_WRONG)
      .execute();
    const after = await row(homeId);
    return after && Number(after.locked_until) > at ? 0 : MAX_WRONG - Number(after?.failed_attempts ?? 0);
  }

  return {
    async get(homeId) {
      const found = await row(homeId);
      if (found) return toSettings(found, now());
      return {
        homeId,
        enabled: false,
        hasPin: false,
        currency: 'EUR',
        perOrderLimit: 0,
        dailyLimit: 0,
        deniedTokenIds: [],
        lockedUntil: null,
      };
    },

    async set(homeId, input) {
      if (typeof input.enabled !== 'boolean')
        throw new GenioError('validation_failed', { field: 'enabled', reason: 'must be true or false' });
      checkLimit(input.perOrderLimit, 'perOrderLimit');
      checkLimit(input.dailyLimit, 'dailyLimit');
      if (input.perOrderLimit > input.dailyLimit)
        throw new GenioError('validation_failed', {
          field: 'perOrderLimit',
          reason: 'must not be above the daily limit',
        });
      if (input.pin !== undefined && !/^\d{4,8}$/.test(input.pin))
        throw new GenioError('validation_failed', { field: 'pin', reason: 'must be 4 to 8 digits' });
      if (input.currency !== undefined && !/^[A-Z]{3}$/.test(input.currency))
        throw new GenioError('validation_failed', { field: 'currency', reason: 'must be an ISO 4217 code' });
      const existing = await row(homeId);
      const pinHash = input.pin !== undefined ? await hashSecret(input.pin) : (existing?.pin_hash ?? null);
      if (input.enabled && !pinHash)
        throw new GenioError('validation_failed', {
          field: 'pin',
          reason: 'set a PIN to turn paying by voice on',
        });
      const values: PaymentSettingsTable = {
        home_id: homeId,
        enabled: input.enabled ? 1 : 0,
        pin_hash: pinHash,
        currency: input.currency ?? existing?.currency ?? 'EUR',
        per_order_limit: input.perOrderLimit,
        daily_limit: input.dailyLimit,
        failed_attempts: input.pin !== undefined ? 0 : Number(existing?.failed_attempts ?? 0),
        locked_until: Number(existing?.locked_until ?? 0),
        denied: JSON.stringify(input.deniedTokenIds ?? (existing ? JSON.parse(existing.denied) : [])),
        challenge_hash: null,
        challenge_expires_at: 0,
        updated_at: now(),
      };
      await db
        .insertInto('payment_settings')
        .values(values)
        .onConflict((oc) =>
          oc.column('home_id').doUpdateSet({
            enabled: values.enabled,
            pin_hash: values.pin_hash,
            currency: values.currency,
            per_order_limit: values.per_order_limit,
            daily_limit: values.daily_limit,
            failed_attempts: values.failed_attempts,
            denied: values.denied,
            challenge_hash: null,
            challenge_expires_at: 0,
            updated_at: values.updated_at,
          }),
        )
        .execute();
      return toSettings((await row(homeId)) as PaymentSettingsTable, now());
    },

    async newChallenge(homeId) {
      const found = await row(homeId);
      if (found?.enabled !== 1 || !found) throw new GenioError('payment_disabled');
      const code = String(randomInt(0, 100)).padStart(2, '0');
      const expiresAt = now() + CHALLENGE_MS;
      await db
        .updateTable('payment_settings')
        .set({ challenge_hash: await hashSecret(code), challenge_expires_at: expiresAt })
        .where('home_id', '=', homeId)
        .execute();
      return { code, expiresAt };
    },

    async authorize(homeId, input) {
      const at = now();
      const found = await row(homeId);
      if (found?.enabled !== 1 || !found) throw new GenioError('payment_disabled');
      if ((JSON.parse(found.denied) as string[]).includes(input.tokenId))
        throw new GenioError('payment_denied');
      if (Number(found.locked_until) > at)
        throw new GenioError('payment_locked', {
          minutes: Math.ceil((Number(found.locked_until) - at) / 60_000),
        });
      if (input.currency !== found.currency)
        throw new GenioError('payment_limit', {
          limit: `${found.currency} (this order is in ${input.currency})`,
        });

      let right: boolean;
      if ('pin' in input.factor) {
        const pin = input.factor.pin;
        const checked =
          typeof pin === 'string' ? await pins.verify(pin, found.pin_hash) : { right: false, stale: false };
        right = checked.right;
        if (checked.stale && typeof pin === 'string')
          await db
            .updateTable('payment_settings')
            .set({ pin_hash: await pins.hash(pin) })
            .where('home_id', '=', homeId)
            .where('pin_hash', '=', found.pin_hash)
            .execute();
      } else {
        const live = Number(found.challenge_expires_at) > at;
        right =
          live &&
          typeof input.factor.challenge === 'string' &&
          (await pins.verify(input.factor.challenge, found.challenge_hash)).right;
        // A challenge is good for one answer, right or wrong.
        await db
          .updateTable('payment_settings')
          .set({ challenge_hash: null })
          .where('home_id', '=', homeId)
          .execute();
      }
      if (!right) {
        const left = await wrongAnswer(homeId);
        if (left <= 0) throw new GenioError('payment_locked', { minutes: Math.ceil(LOCK_MS / 60_000) });
        throw new GenioError('payment_pin_wrong', { attemptsLeft: left });
      }
      if (Number(found.failed_attempts) > 0)
        await db
          .updateTable('payment_settings')
          .set({ failed_attempts: 0 })
          .where('home_id', '=', homeId)
          .execute();
      if (input.amount > Number(found.per_order_limit))
        throw new GenioError('payment_limit', { limit: `per order (${found.per_order_limit})` });
      if (input.spentToday + input.amount > Number(found.daily_limit))
        throw new GenioError('payment_limit', { limit: `daily (${found.daily_limit})` });
    },
  };
}
