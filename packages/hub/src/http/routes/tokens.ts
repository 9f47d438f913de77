import { Type } from 'typebox';
import { type Action, allowedActions, authorize, hub } from '../../access/index.js';
import type { Principal, Role, TokenService } from '../../auth/index.js';
import { GenioError } from '../../errors/index.js';
import { errorResponses, IdParam } from '../schemas.js';
import type { RouteModule } from '../types.js';

const RoleSchema = Type.Union([
  Type.Literal('operator'),
  Type.Literal('household'),
  Type.Literal('merchant'),
  Type.Literal('developer'),
]);
const TokenInfoSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    role: RoleSchema,
    homeId: Type.Union([Type.String(), Type.Null()]),
    merchantId: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.Integer(),
    lastUsedAt: Type.Union([Type.Integer(), Type.Null()]),
    revokedAt: Type.Union([Type.Integer(), Type.Null()]),
  },
  { $id: 'TokenInfo' },
);
const CreatedTokenSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    role: RoleSchema,
    homeId: Type.Union([Type.String(), Type.Null()]),
    merchantId: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.Integer(),
    lastUsedAt: Type.Union([Type.Integer(), Type.Null()]),
    revokedAt: Type.Union([Type.Integer(), Type.Null()]),
    token: Type.String({ description: 'The secret; shown only in this response' }),
  },
  { $id: 'CreatedToken' },
);

// Households may manage household tokens of their own home (for example to pair a screen); everything else is the operator's.
function assertMayManage(principal: Principal, role: Role, homeId: string | null, action: Action): void {
  authorize(principal, action, { kind: 'token', role, homeId });
}

/** /api/v1/tokens: create, list, revoke. `merchantExists` checks a merchant token's merchant. */
export function tokenRoutes(
  tokens: TokenService,
  merchantExists: (merchantId: string) => Promise<boolean> = async () => false,
): RouteModule {
  return (app) => {
    const tags = ['tokens'];
    app.get(
      '/api/v1/me',
      {
        schema: {
          tags,
          summary:
            'Who the calling token is: its id, name, role, home and the actions it may use (so a client shows only those)',
          response: {
            200: Type.Object({
              tokenId: Type.String(),
              name: Type.String(),
              role: RoleSchema,
              homeId: Type.Union([Type.String(), Type.Null()]),
              merchantId: Type.Union([Type.String(), Type.Null()]),
              can: Type.Array(Type.String(), {
                description:
                  'Actions of the access policy this token may do to at least some resource (for example "home.create"); see docs/api.md',
              }),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => {
        const { tokenId, name, role, homeId } = request.principal;
        const merchantId = request.principal.merchantId ?? null;
        return { tokenId, name, role, homeId, merchantId, can: allowedActions(request.principal) };
      },
    );
    app.post(
      '/api/v1/tokens',
      {
        schema: {
          tags,
          summary: 'Create a token; the secret is returned once',
          body: Type.Object(
            {
              name: Type.String({ minLength: 1, maxLength: 100 }),
              role: RoleSchema,
              homeId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
              merchantId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
            },
            { additionalProperties: false },
          ),
          response: { 201: CreatedTokenSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const { name, role, homeId, merchantId } = request.body;
        assertMayManage(request.principal, role, homeId ?? null, 'token.create');
        if (merchantId && !(await merchantExists(merchantId)))
          throw new GenioError('not_found', { kind: 'merchant', id: merchantId, field: 'merchantId' });
        return reply
          .code(201)
          .send(await tokens.create({ name, role, homeId: homeId ?? null, merchantId: merchantId ?? null }));
      },
    );

    app.get(
      '/api/v1/tokens',
      {
        schema: {
          tags,
          summary: 'List tokens (households see their home only)',
          querystring: Type.Object(
            { includeRevoked: Type.Optional(Type.Boolean()) },
            { additionalProperties: false },
          ),
          response: { 200: Type.Array(TokenInfoSchema), ...errorResponses },
        },
      },
      async (request) => {
        const { principal } = request;
        const includeRevoked = request.query.includeRevoked ?? false;
        if (principal.role === 'operator') return tokens.list({ includeRevoked });
        authorize(principal, 'token.list', hub);
        return tokens.list({ homeId: principal.homeId as string, includeRevoked });
      },
    );

    app.delete(
      '/api/v1/tokens/:tokenId',
      {
        schema: {
          tags,
          summary: 'Revoke a token',
          params: Type.Object({ tokenId: IdParam }),
          response: { 200: TokenInfoSchema, ...errorResponses },
        },
      },
      async (request) => {
        const target = await tokens.get(request.params.tokenId);
        assertMayManage(request.principal, target.role, target.homeId, 'token.revoke');
        return tokens.revoke(target.id);
      },
    );
  };
}
