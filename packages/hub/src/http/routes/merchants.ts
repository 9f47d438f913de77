import { Type } from 'typebox';
import { authorize, hub } from '../../access/index.js';
import type { Principal, TokenService } from '../../auth/index.js';
import {
  type CommerceModule,
  MAX_IMPORT,
  type Menu,
  type Merchant,
  type StoreInput,
  storesFromCsv,
} from '../../commerce/index.js';
import { GenioError } from '../../errors/index.js';
import { errorResponses, IdParam } from '../schemas.js';
import type { RouteModule } from '../types.js';

const Text = Type.String({ minLength: 1, maxLength: 100 });
const LocalizedName = Type.Union([
  Text,
  Type.Object(
    { en: Text, zh: Type.Optional(Text), it: Type.Optional(Text), fr: Type.Optional(Text) },
    { additionalProperties: false },
  ),
]);
const Contact = Type.Object(
  {
    email: Type.Optional(Type.String({ maxLength: 200, format: 'email' })),
    phone: Type.Optional(Type.String({ maxLength: 40 })),
    person: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);
const Currency = Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217 code, e.g. EUR' });

const MerchantSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.Object({
      en: Type.String(),
      zh: Type.Optional(Type.String()),
      it: Type.Optional(Type.String()),
      fr: Type.Optional(Type.String()),
    }),
    currency: Type.String(),
    contact: Type.Object({
      email: Type.Optional(Type.String()),
      phone: Type.Optional(Type.String()),
      person: Type.Optional(Type.String()),
    }),
    status: Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('rejected')]),
    reason: Type.Union([Type.String(), Type.Null()]),
    payout: Type.Union([
      Type.Object({
        holder: Type.String(),
        iban: Type.Optional(Type.String()),
        account: Type.Optional(Type.String()),
      }),
      Type.Null(),
    ]),
    webhookUrl: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.Integer(),
    updatedAt: Type.Integer(),
  },
  { $id: 'Merchant' },
);

const StoreSchema = Type.Object(
  {
    id: Type.String(),
    merchantId: Type.String(),
    ref: Type.String(),
    name: Type.String(),
    lat: Type.Number(),
    lon: Type.Number(),
    timezone: Type.String(),
    hours: Type.Union([Type.Record(Type.String(), Type.Array(Type.String())), Type.Null()]),
    distanceM: Type.Optional(Type.Number()),
    open: Type.Optional(Type.Boolean()),
  },
  { $id: 'Store' },
);

const StoreInputSchema = Type.Object(
  {
    ref: Type.String({ minLength: 1, maxLength: 64 }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    lat: Type.Number({ minimum: -90, maximum: 90 }),
    lon: Type.Number({ minimum: -180, maximum: 180 }),
    timezone: Type.Optional(Type.String({ maxLength: 64 })),
    hours: Type.Optional(Type.Record(Type.String(), Type.Array(Type.String()))),
  },
  { additionalProperties: false },
);

const ChecklistSchema = Type.Object({
  merchantId: Type.String(),
  status: Type.String(),
  steps: Type.Array(Type.Object({ step: Type.String(), done: Type.Boolean(), detail: Type.String() })),
  ready: Type.Boolean(),
});

const MerchantParams = Type.Object({ merchantId: IdParam });
const ImportSummary = Type.Object({
  created: Type.Integer(),
  updated: Type.Integer(),
  total: Type.Integer(),
});

/** Applications per client address per hour; applying needs no token, so it is bounded here. */
const APPLICATIONS_PER_HOUR = 5;
const MAX_STORE_UPLOAD_BYTES = 8 * 1_048_576;

function applicationLimiter(clock: () => number = Date.now) {
  const seen = new Map<string, number[]>();
  return (address: string) => {
    const now = clock();
    const recent = (seen.get(address) ?? []).filter((at) => now - at < 3_600_000);
    if (recent.length >= APPLICATIONS_PER_HOUR)
      throw new GenioError('rate_limited', { what: 'merchant applications' });
    recent.push(now);
    seen.set(address, recent);
    if (seen.size > 10_000) seen.delete(seen.keys().next().value as string);
  };
}

/** A household or developer sees a merchant only once approved; its own token and the operator always. */
function mayView(principal: Principal, merchant: Merchant): boolean {
  if (principal.role === 'operator') return true;
  if (principal.role === 'merchant') return principal.merchantId === merchant.id;
  return merchant.status === 'approved';
}

/** /api/v1/merchants: applying, review, profile, stores (JSON or CSV, nearest) and the menu. */
export function merchantRoutes(deps: { commerce: CommerceModule; tokens: TokenService }): RouteModule {
  const { commerce, tokens } = deps;
  const limitApplications = applicationLimiter();
  return (app) => {
    const tags = ['merchants'];
    app.addContentTypeParser(
      ['text/csv', 'text/plain'],
      { parseAs: 'string', bodyLimit: MAX_STORE_UPLOAD_BYTES },
      (_request, body, done) => done(null, body),
    );

    app.post(
      '/api/v1/merchants/applications',
      {
        config: { public: true },
        schema: {
          tags,
          summary:
            'Apply as a merchant (no token needed). Returns the merchant, pending review, and a merchant token shown only now',
          body: Type.Object(
            { name: LocalizedName, currency: Currency, contact: Contact },
            { additionalProperties: false },
          ),
          response: {
            201: Type.Object({ merchant: MerchantSchema, token: Type.String() }),
            ...errorResponses,
            429: errorResponses[400],
          },
        },
      },
      async (request, reply) => {
        limitApplications(request.ip);
        const merchant = await commerce.merchants.apply(request.body);
        const created = await tokens.create({
          name: `${merchant.name.en} (merchant)`,
          role: 'merchant',
          merchantId: merchant.id,
        });
        return reply.code(201).send({ merchant, token: created.token });
      },
    );

    app.post(
      '/api/v1/merchants',
      {
        schema: {
          tags,
          summary: 'Add a merchant on its behalf (operator); it starts pending review like an application',
          body: Type.Object(
            { name: LocalizedName, currency: Currency, contact: Type.Optional(Contact) },
            { additionalProperties: false },
          ),
          response: { 201: MerchantSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        authorize(request.principal, 'merchant.create', hub);
        return reply.code(201).send(await commerce.merchants.apply(request.body));
      },
    );

    app.get(
      '/api/v1/merchants',
      {
        schema: {
          tags,
          summary: 'List merchants: all for the operator (filter by status), approved ones for households',
          querystring: Type.Object({
            status: Type.Optional(
              Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('rejected')]),
            ),
          }),
          response: { 200: Type.Array(MerchantSchema), ...errorResponses },
        },
      },
      async (request) => {
        const { principal } = request;
        if (principal.role === 'merchant' && principal.merchantId)
          return [await commerce.merchants.get(principal.merchantId)];
        if (principal.role === 'operator') return commerce.merchants.list(request.query);
        authorize(principal, 'catalog.read', hub);
        return commerce.merchants.list({ status: 'approved' });
      },
    );

    app.get(
      '/api/v1/merchants/:merchantId',
      {
        schema: {
          tags,
          summary: 'Get a merchant',
          params: MerchantParams,
          response: { 200: MerchantSchema, ...errorResponses },
        },
      },
      async (request) => {
        const merchant = await commerce.merchants.get(request.params.merchantId);
        if (!mayView(request.principal, merchant))
          throw new GenioError('not_found', { kind: 'merchant', id: merchant.id });
        return merchant;
      },
    );

    app.patch(
      '/api/v1/merchants/:merchantId',
      {
        schema: {
          tags,
          summary: 'Update the profile, payout account or webhook address',
          params: MerchantParams,
          body: Type.Object(
            {
              name: Type.Optional(
                Type.Object(
                  { en: Text, zh: Type.Optional(Text), it: Type.Optional(Text), fr: Type.Optional(Text) },
                  { additionalProperties: false },
                ),
              ),
              contact: Type.Optional(Contact),
              payout: Type.Optional(
                Type.Union([
                  Type.Object(
                    {
                      holder: Text,
                      iban: Type.Optional(Type.String({ pattern: '^[A-Z]{2}[0-9]{2}[A-Z0-9]{10,30}$' })),
                      account: Type.Optional(Type.String({ minLength: 4, maxLength: 40 })),
                    },
                    { additionalProperties: false },
                  ),
                  Type.Null(),
                ]),
              ),
              webhookUrl: Type.Optional(
                Type.Union([
                  Type.String({ format: 'uri', pattern: '^https?://', maxLength: 500 }),
                  Type.Null(),
                ]),
              ),
            },
            { additionalProperties: false },
          ),
          response: { 200: MerchantSchema, ...errorResponses },
        },
      },
      async (request) => {
        const { merchantId } = request.params;
        authorize(request.principal, 'merchant.update', { kind: 'merchant', merchantId });
        return commerce.merchants.update(merchantId, request.body);
      },
    );

    app.post(
      '/api/v1/merchants/:merchantId/approve',
      {
        schema: {
          tags,
          summary: 'Approve a merchant (operator): it can then be ordered from',
          params: MerchantParams,
          response: { 200: MerchantSchema, ...errorResponses },
        },
      },
      async (request) => {
        authorize(request.principal, 'merchant.review', hub);
        return commerce.merchants.approve(request.params.merchantId);
      },
    );

    app.post(
      '/api/v1/merchants/:merchantId/reject',
      {
        schema: {
          tags,
          summary: 'Reject a merchant with a reason the merchant sees (operator)',
          params: MerchantParams,
          body: Type.Object(
            { reason: Type.String({ minLength: 1, maxLength: 500 }) },
            { additionalProperties: false },
          ),
          response: { 200: MerchantSchema, ...errorResponses },
        },
      },
      async (request) => {
        authorize(request.principal, 'merchant.review', hub);
        return commerce.merchants.reject(request.params.merchantId, request.body.reason);
      },
    );

    app.get(
      '/api/v1/merchants/:merchantId/onboarding',
      {
        schema: {
          tags,
          summary: 'The onboarding checklist: profile, stores, menu, payout account, test order',
          params: MerchantParams,
          response: { 200: ChecklistSchema, ...errorResponses },
        },
      },
      async (request) => {
        const { merchantId } = request.params;
        authorize(request.principal, 'merchant.read', { kind: 'merchant', merchantId });
        const merchant = await commerce.merchants.get(merchantId);
        const [storeCount, menu, orders] = await Promise.all([
          commerce.stores.count(merchantId),
          commerce.menus.get(merchantId),
          commerce.orders.listForMerchant(merchantId, [
            'paid',
            'accepted',
            'preparing',
            'ready',
            'picked_up',
            'refunded',
          ]),
        ]);
        const hasContact = Boolean(merchant.contact.email || merchant.contact.phone);
        const steps = [
          {
            step: 'profile',
            done: hasContact,
            detail: hasContact ? 'name and contact set' : 'add an email or phone to the profile',
          },
          {
            step: 'stores',
            done: storeCount > 0,
            detail: storeCount > 0 ? `${storeCount} stores` : 'import your stores (JSON or CSV)',
          },
          {
            step: 'menu',
            done: menu.items.length > 0,
            detail: menu.items.length > 0 ? `${menu.items.length} items` : 'upload your menu',
          },
          {
            step: 'payout',
            done: merchant.payout !== null,
            detail: merchant.payout ? 'payout account set' : 'add the account payouts go to',
          },
          {
            step: 'test_order',
            done: orders.length > 0,
            detail: orders.length > 0 ? 'an order was paid' : 'place and pay a test order',
          },
          {
            step: 'review',
            done: merchant.status === 'approved',
            detail:
              merchant.status === 'rejected'
                ? `rejected: ${merchant.reason ?? ''}`
                : merchant.status === 'approved'
                  ? 'approved'
                  : 'waiting for the operator',
          },
        ];
        return { merchantId, status: merchant.status, steps, ready: steps.every((s) => s.done) };
      },
    );

    // POST and PUT import alike (POST answers 201: the contract outside tools use); both create or update by ref.
    const importStores = (method: 'put' | 'post') =>
      app[method](
        '/api/v1/merchants/:merchantId/stores',
        {
          bodyLimit: MAX_STORE_UPLOAD_BYTES,
          schema: {
            tags,
            summary: `Import stores, up to ${MAX_IMPORT} per request: a JSON array, or CSV (text/csv) with the header ref,name,lat,lon,timezone,mon..sun. Stores are matched by ref (created or updated)`,
            params: MerchantParams,
            body: Type.Union([Type.Array(StoreInputSchema, { maxItems: MAX_IMPORT }), Type.String()]),
            response: {
              200: ImportSummary,
              201: ImportSummary,
              ...errorResponses,
            },
          },
        },
        async (request, reply) => {
          const { merchantId } = request.params;
          authorize(request.principal, 'store.manage', { kind: 'merchant', merchantId });
          await commerce.merchants.get(merchantId);
          const rows: StoreInput[] =
            typeof request.body === 'string' ? storesFromCsv(request.body) : (request.body as StoreInput[]);
          const result = await commerce.stores.importStores(merchantId, rows);
          return reply
            .code(method === 'post' ? 201 : 200)
            .send({ ...result, total: await commerce.stores.count(merchantId) });
        },
      );
    importStores('put');
    importStores('post');

    app.get(
      '/api/v1/merchants/:merchantId/stores',
      {
        schema: {
          tags,
          summary:
            'List stores; with near=lat,lon the nearest ones (open=true: only those open now), with distanceM',
          params: MerchantParams,
          querystring: Type.Object({
            near: Type.Optional(Type.String({ pattern: '^-?\\d+(\\.\\d+)?,-?\\d+(\\.\\d+)?$' })),
            open: Type.Optional(Type.Boolean()),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
            offset: Type.Optional(Type.Integer({ minimum: 0 })),
          }),
          response: { 200: Type.Array(StoreSchema), ...errorResponses },
        },
      },
      async (request) => {
        const { merchantId } = request.params;
        const merchant = await commerce.merchants.get(merchantId);
        if (!mayView(request.principal, merchant))
          throw new GenioError('not_found', { kind: 'merchant', id: merchantId });
        const { near, open, limit, offset } = request.query;
        if (near) {
          const [lat, lon] = near.split(',').map(Number) as [number, number];
          if (Math.abs(lat) > 90 || Math.abs(lon) > 180)
            throw new GenioError('validation_failed', { field: 'near', reason: 'must be lat,lon on Earth' });
          return commerce.stores.near(
            merchantId,
            { lat, lon },
            { limit: limit ?? 5, ...(open ? { openAt: Date.now() } : {}) },
          );
        }
        if (request.principal.role !== 'operator')
          authorize(request.principal, 'store.manage', { kind: 'merchant', merchantId });
        return commerce.stores.list(merchantId, { limit: limit ?? 100, offset: offset ?? 0 });
      },
    );

    app.put(
      '/api/v1/merchants/:merchantId/menu',
      {
        bodyLimit: 4 * 1_048_576,
        schema: {
          tags,
          summary:
            'Replace the menu (items, prices in minor units, option groups, dayparts); see docs/commerce.md',
          params: MerchantParams,
          body: Type.Object(
            { items: Type.Array(Type.Unknown()), dayparts: Type.Optional(Type.Unknown()) },
            { additionalProperties: false },
          ),
          response: { 200: Type.Unknown(), ...errorResponses },
        },
      },
      async (request) => {
        const { merchantId } = request.params;
        authorize(request.principal, 'menu.manage', { kind: 'merchant', merchantId });
        await commerce.merchants.get(merchantId);
        return commerce.menus.put(merchantId, request.body as unknown as Menu);
      },
    );

    app.get(
      '/api/v1/merchants/:merchantId/menu',
      {
        schema: {
          tags,
          summary: 'The menu of a merchant',
          params: MerchantParams,
          response: { 200: Type.Unknown(), ...errorResponses },
        },
      },
      async (request) => {
        const merchant = await commerce.merchants.get(request.params.merchantId);
        if (!mayView(request.principal, merchant))
          throw new GenioError('not_found', { kind: 'merchant', id: merchant.id });
        return commerce.menus.get(merchant.id);
      },
    );

    const SecretSchema = Type.Object({
      secret: Type.String({ description: 'HMAC-SHA256 key of the Genio-Signature on order webhooks' }),
    });

    app.get(
      '/api/v1/merchants/:merchantId/webhook-secret',
      {
        schema: {
          tags,
          summary: "The secret that signs this merchant's order webhooks (made on first use)",
          params: MerchantParams,
          response: { 200: SecretSchema, ...errorResponses },
        },
      },
      async (request) => {
        const { merchantId } = request.params;
        authorize(request.principal, 'merchant.update', { kind: 'merchant', merchantId });
        await commerce.merchants.get(merchantId);
        return { secret: await commerce.merchantWebhooks.secret(merchantId) };
      },
    );

    app.post(
      '/api/v1/merchants/:merchantId/webhook-secret/rotate',
      {
        schema: {
          tags,
          summary: 'Replace the webhook signing secret; webhooks sent from now on carry the new one',
          params: MerchantParams,
          response: { 200: SecretSchema, ...errorResponses },
        },
      },
      async (request) => {
        const { merchantId } = request.params;
        authorize(request.principal, 'merchant.update', { kind: 'merchant', merchantId });
        await commerce.merchants.get(merchantId);
        return { secret: await commerce.merchantWebhooks.rotateSecret(merchantId) };
      },
    );
  };
}
