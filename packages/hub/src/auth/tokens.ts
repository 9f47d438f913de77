import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Bus } from '../bus/index.js';
import { GenioError } from '../errors/index.js';
import { newId } from '../ids/index.js';
import type { Database, TokensTable } from '../storage/index.js';
import { type Principal, type Role, roles } from './principal.js';

/** A token as listed: never the secret itself. */
export interface TokenInfo {
  id: string;
  name: string;
  role: Role;
  homeId: string | null;
  merchantId: string | null;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

/** A token just created: the only time its secret is shown. */
export interface CreatedToken extends TokenInfo {
  token: string;
}

/** What creating a token needs. */
export interface CreateTokenInput {
  name: string;
  role: Role;
  homeId?: string | null;
  merchantId?: string | null;
}

/** Token issuing, checking and revoking. */
export interface TokenService {
  create(input: CreateTokenInput): Promise<CreatedToken>;
  list(filter?: { homeId?: string; includeRevoked?: boolean }): Promise<TokenInfo[]>;
  get(id: string): Promise<TokenInfo>;
  revoke(id: string): Promise<TokenInfo>;
  /** The principal behind a bearer token, or null when it is unknown or revoked. */
  verify(token: string): Promise<Principal | null>;
  /**
   * Make sure an operator token exists. With `fixed` (GENIO_ADMIN_TOKEN) that token is the env operator;
   * otherwise one is generated on first start. Returns the new secret when one was generated.
   */
  ensureOperator(fixed?: string): Promise<string | null>;
}

const ENV_OPERATOR_ID = 'tok_env_operator';
const LAST_USED_WRITE_MS = 60_000;

/** SHA-256 of a token, hex. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

function newSecret(): string {
  return `gn_${randomBytes(32).toString('base64url')}`;
}

function toInfo(row: TokensTable): TokenInfo {
  return {
    id: row.id,
    name: row.name,
    role: row.role as Role,
    homeId: row.home_id,
    merchantId: row.merchant_id ?? null,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

/** Create the token service over the database. */
export function createTokenService(deps: {
  db: Kysely<Database>;
  bus?: Bus;
  clock?: () => number;
}): TokenService {
  const { db } = deps;
  const now = deps.clock ?? Date.now;
  const lastWrite = new Map<string, number>();

  async function insert(id: string, input: CreateTokenInput, secret: string): Promise<CreatedToken> {
    if (!roles.includes(input.role))
      throw new GenioError('validation_failed', {
        field: 'role',
        reason: `must be one of ${roles.join(', ')}`,
      });
    const homeId = input.homeId ?? null;
    if (input.role === 'household' && !homeId) {
      throw new GenioError('validation_failed', {
        field: 'homeId',
        reason: 'a household token needs the home it belongs to',
      });
    }
    if (input.role !== 'household' && homeId) {
      throw new GenioError('validation_failed', {
        field: 'homeId',
        reason: 'only household tokens are scoped to a home',
      });
    }
    const merchantId = input.merchantId ?? null;
    if (input.role === 'merchant' && !merchantId)
      throw new GenioError('validation_failed', {
        field: 'merchantId',
        reason: 'a merchant token needs the merchant it acts for',
      });
    if (input.role !== 'merchant' && merchantId)
      throw new GenioError('validation_failed', {
        field: 'merchantId',
        reason: 'only merchant tokens are scoped to a merchant',
      });
    if (homeId) {
      const home = await db.selectFrom('homes').select('id').where('id', '=', homeId).executeTakeFirst();
      if (!home) throw new GenioError('not_found', { kind: 'home', id: homeId, field: 'homeId' });
    }
    const row: TokensTable = {
      id,
      name: input.name,
      role: input.role,
      home_id: homeId,
      merchant_id: merchantId,
      hash: hashToken(secret),
      created_at: now(),
      last_used_at: null,
      revoked_at: null,
    };
    await db.insertInto('tokens').values(row).execute();
    deps.bus?.emit('token.created', { tokenId: id, role: input.role, homeId });
    return { ...toInfo(row), token: secret };
  }

  async function getRow(id: string): Promise<TokensTable> {
    const row = await db.selectFrom('tokens').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new GenioError('not_found', { kind: 'token', id });
    return row;
  }

  return {
    create(input) {
      return insert(newId('tok'), input, newSecret());
    },
    async list(filter = {}) {
      let query = db.selectFrom('tokens').selectAll().orderBy('created_at');
      if (filter.homeId) query = query.where('home_id', '=', filter.homeId);
      if (!filter.includeRevoked) query = query.where('revoked_at', 'is', null);
      return (await query.execute()).map(toInfo);
    },
    async get(id) {
      return toInfo(await getRow(id));
    },
    async revoke(id) {
      const row = await getRow(id);
      if (row.revoked_at === null) {
        const at = now();
        await db.updateTable('tokens').set({ revoked_at: at }).where('id', '=', id).execute();
        row.revoked_at = at;
        deps.bus?.emit('token.revoked', { tokenId: id });
      }
      return toInfo(row);
    },
    async verify(token) {
      if (typeof token !== 'string' || token.length < 16 || token.length > 512) return null;
      const hash = hashToken(token);
      const row = await db.selectFrom('tokens').selectAll().where('hash', '=', hash).executeTakeFirst();
      if (!row || row.revoked_at !== null) return null;
      // The lookup is by hash already; this guards against a collation that compares loosely.
      if (!timingSafeEqual(Buffer.from(row.hash), Buffer.from(hash))) return null;
      const at = now();
      if (at - (lastWrite.get(row.id) ?? 0) > LAST_USED_WRITE_MS) {
        lastWrite.set(row.id, at);
        await db.updateTable('tokens').set({ last_used_at: at }).where('id', '=', row.id).execute();
      }
      const principal: Principal = {
        tokenId: row.id,
        name: row.name,
        role: row.role as Role,
        homeId: row.home_id,
      };
      if (row.role === 'merchant') principal.merchantId = row.merchant_id ?? null;
      if (row.role === 'developer') {
        const owned = await db
          .selectFrom('homes')
          .select('id')
          .where('owner_token_id', '=', row.id)
          .execute();
        principal.ownedHomeIds = owned.map((h) => h.id);
      }
      return principal;
    },
    async ensureOperator(fixed) {
      if (fixed) {
        const hash = hashToken(fixed);
        const existing = await db
          .selectFrom('tokens')
          .selectAll()
          .where('id', '=', ENV_OPERATOR_ID)
          .executeTakeFirst();
        if (existing) {
          await db
            .updateTable('tokens')
            .set({ hash, revoked_at: null })
            .where('id', '=', ENV_OPERATOR_ID)
            .execute();
        } else {
          await insert(ENV_OPERATOR_ID, { name: 'operator (GENIO_ADMIN_TOKEN)', role: 'operator' }, fixed);
        }
        return null;
      }
      // The variable was removed: the token it named must stop working.
      await db
        .updateTable('tokens')
        .set({ revoked_at: now() })
        .where('id', '=', ENV_OPERATOR_ID)
        .where('revoked_at', 'is', null)
        .execute();
      const operator = await db
        .selectFrom('tokens')
        .select('id')
        .where('role', '=', 'operator')
        .where('revoked_at', 'is', null)
        .where('id', '!=', ENV_OPERATOR_ID)
        .executeTakeFirst();
      if (operator) return null;
      const created = await insert(
        newId('tok'),
        { name: 'operator (first start)', role: 'operator' },
        newSecret(),
      );
      return created.token;
    },
  };
}
