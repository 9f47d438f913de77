/**
 * Idempotency keys with Stripe's semantics: the first answer to a key is stored (errors the caller
 * caused included); the same key with the same request gets that stored answer; the same key with a
 * different request is an error; a key whose first request is still running gets 409. A request that
 * died half-way (a crash) leaves its key in flight; after `staleAfterMs` the next retry takes it over,
 * which is safe because the work itself is idempotent (transfers are keyed by their own ids).
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { GenioError, isGenioError } from '../../errors/index.js';
import type { Database } from '../../storage/index.js';
import type { LedgerTables } from './tables.js';

/** The answer stored for a key: an HTTP-like status and a JSON body. */
export interface StoredAnswer<T> {
  status: number;
  body: T;
  /** True when this answer was stored by an earlier request with the same key. */
  replayed: boolean;
}

/** Runs work at most once per (scope, key). */
export interface IdempotencyStore {
  run<T>(
    scope: string,
    key: string,
    request: unknown,
    work: () => Promise<{ status: number; body: T }>,
  ): Promise<StoredAnswer<T>>;
  /** Forget keys older than `olderThanMs` (Stripe keeps them at least 24 hours). */
  prune(olderThanMs: number): Promise<number>;
}

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

function hashOf(request: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(request ?? null))
    .digest('hex');
}

/** Build the store over the hub's database (table from the ledger migration). */
export function createIdempotencyStore(deps: {
  db: Kysely<Database>;
  clock?: () => number;
  staleAfterMs?: number;
}): IdempotencyStore {
  const db = deps.db.withTables<LedgerTables>();
  const now = deps.clock ?? Date.now;
  const staleAfterMs = deps.staleAfterMs ?? 30_000;

  async function claim(
    scope: string,
    key: string,
    requestHash: string,
  ): Promise<StoredAnswer<unknown> | null> {
    const at = now();
    const inserted = await db
      .insertInto('idempotency_keys')
      .values({
        scope,
        key,
        request_hash: requestHash,
        state: 'in_flight',
        status: null,
        response: null,
        created_at: at,
        updated_at: at,
      })
      .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1) return null;

    const row = await db
      .selectFrom('idempotency_keys')
      .selectAll()
      .where('scope', '=', scope)
      .where('key', '=', key)
      .executeTakeFirst();
    if (!row) return claim(scope, key, requestHash);
    if (row.request_hash !== requestHash)
      throw new GenioError('idempotency_key_reused', { key, reason: 'it was used with a different request' });
    if (row.state === 'done')
      return { status: Number(row.status), body: JSON.parse(row.response ?? 'null'), replayed: true };
    // In flight: take it over only when its first request is long gone, and only one retry may win.
    const takeover = await db
      .updateTable('idempotency_keys')
      .set({ updated_at: at })
      .where('scope', '=', scope)
      .where('key', '=', key)
      .where('state', '=', 'in_flight')
      .where('updated_at', '<', at - staleAfterMs)
      .executeTakeFirst();
    if (Number(takeover.numUpdatedRows) === 1) return null;
    throw new GenioError('idempotency_in_flight', { key });
  }

  async function finish(scope: string, key: string, status: number, body: unknown): Promise<void> {
    await db
      .updateTable('idempotency_keys')
      .set({ state: 'done', status, response: JSON.stringify(body ?? null), updated_at: now() })
      .where('scope', '=', scope)
      .where('key', '=', key)
      .execute();
  }

  async function release(scope: string, key: string): Promise<void> {
    await db.deleteFrom('idempotency_keys').where('scope', '=', scope).where('key', '=', key).execute();
  }

  return {
    async run<T>(
      scope: string,
      key: string,
      request: unknown,
      work: () => Promise<{ status: number; body: T }>,
    ) {
      if (!KEY_PATTERN.test(key))
        throw new GenioError('validation_failed', {
          field: 'Idempotency-Key',
          reason: 'must be 1-255 visible ASCII characters',
        });
      const stored = await claim(scope, key, hashOf(request));
      if (stored) return stored as StoredAnswer<T>;
      try {
        const answer = await work();
        await finish(scope, key, answer.status, answer.body);
        return { ...answer, replayed: false };
      } catch (error) {
        // A refusal the caller caused is the answer to this key; anything else may be retried.
        if (isGenioError(error) && error.status < 500 && error.code !== 'idempotency_in_flight') {
          await finish(scope, key, error.status, { error: error.toProblem() });
        } else {
          await release(scope, key).catch(() => {});
        }
        throw error;
      }
    },

    async prune(olderThanMs) {
      const result = await db
        .deleteFrom('idempotency_keys')
        .where('created_at', '<', now() - olderThanMs)
        .where('state', '=', 'done')
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
