import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { authorize, hub } from '../../access/index.js';
import type {
  CommerceModule,
  Order,
  OrderStatus,
  PaymentMethod,
  SecondFactor,
} from '../../commerce/index.js';
import { orderStatuses } from '../../commerce/index.js';
import { GenioError } from '../../errors/index.js';
import type { HomeService } from '../../homes/index.js';
import { errorResponses, IdParam } from '../schemas.js';
import type { RouteModule } from '../types.js';

const LineSchema = Type.Object({
  ref: Type.String(),
  name: Type.Object({
    en: Type.String(),
    zh: Type.Optional(Type.String()),
    it: Type.Optional(Type.String()),
    fr: Type.Optional(Type.String()),
  }),
  quantity: Type.Integer(),
  options: Type.Record(Type.String(), Type.Array(Type.String())),
  unitPrice: Type.Integer(),
  total: Type.Integer(),
});

const OrderSchema = Type.Object(
  {
    id: Type.String(),
    homeId: Type.String(),
    merchantId: Type.String(),
    storeRef: Type.String(),
    status: Type.String(),
    lines: Type.Array(LineSchema),
    total: Type.Integer(),
    currency: Type.String(),
    pickupCode: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.Integer(),
    updatedAt: Type.Integer(),
    paidAt: Type.Union([Type.Integer(), Type.Null()]),
  },
  { $id: 'Order' },
);

const PaymentSettingsSchema = Type.Object({
  homeId: Type.String(),
  enabled: Type.Boolean(),
  hasPin: Type.Boolean(),
  currency: Type.String(),
  perOrderLimit: Type.Integer(),
  dailyLimit: Type.Integer(),
  deniedTokenIds: Type.Array(Type.String()),
  lockedUntil: Type.Union([Type.Integer(), Type.Null()]),
});

const BalanceSchema = Type.Object({
  balance: Type.Integer(),
  currency: Type.String(),
  transferId: Type.Optional(Type.String()),
});

const HomeParams = Type.Object({ homeId: IdParam });
const PaymentMethodSchema = Type.String({
  pattern: '^[a-z][a-z0-9_-]{0,39}$',
  description: '`wallet` (default) or a configured payment provider such as `network`',
});
const OrderParams = Type.Object({ orderId: IdParam });
const Currency = Type.String({ pattern: '^[A-Z]{3}$' });
const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.String({
    minLength: 1,
    maxLength: 255,
    description:
      'Retrying with the same key returns the first answer; a different request with it is refused',
  }),
});

/** Send what the idempotency store answered: the first result, or the refusal the first request got. */
function sendStored(
  reply: FastifyReply,
  answer: { status: number; body: unknown; replayed: boolean },
): FastifyReply {
  if (answer.replayed) reply.header('Idempotent-Replayed', 'true');
  const stored = answer.body as { error?: unknown };
  if (answer.status >= 400 && stored.error)
    return reply
      .code(answer.status as 400)
      .type('application/problem+json')
      .send(stored.error as never);
  return reply.code(answer.status as 200).send(answer.body as never);
}

function orderResource(order: Order) {
  return { kind: 'order' as const, homeId: order.homeId, merchantId: order.merchantId };
}

/** Orders, their payment and lifecycle, the household wallet and payment settings, the ledger's check. */
export function orderRoutes(deps: { commerce: CommerceModule; homes: HomeService }): RouteModule {
  const { commerce, homes } = deps;
  return (app) => {
    const tags = ['orders'];

    app.post(
      '/api/v1/homes/:homeId/orders',
      {
        schema: {
          tags,
          summary:
            "Place an order with a merchant, at the given store or the nearest open one to the home's location",
          params: HomeParams,
          body: Type.Object(
            {
              merchantId: IdParam,
              storeRef: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
              items: Type.Array(
                Type.Object(
                  {
                    ref: Type.String({ minLength: 1, maxLength: 64 }),
                    quantity: Type.Integer({ minimum: 1, maximum: 99 }),
                    options: Type.Optional(
                      Type.Record(
                        Type.String(),
                        Type.Array(Type.String({ maxLength: 64 }), { maxItems: 20 }),
                      ),
                    ),
                  },
                  { additionalProperties: false },
                ),
                { minItems: 1, maxItems: 50 },
              ),
            },
            { additionalProperties: false },
          ),
          headers: Type.Object({
            'idempotency-key': Type.Optional(
              Type.String({
                minLength: 1,
                maxLength: 255,
                description: 'Retrying with the same key returns the same order',
              }),
            ),
          }),
          response: { 201: OrderSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const { homeId } = request.params;
        authorize(request.principal, 'order.place', { kind: 'home', homeId });
        const home = await homes.getHome(homeId);
        const place = async () => ({
          status: 201,
          body: await commerce.orders.place(homeId, request.principal.tokenId, request.body, home.location),
        });
        // With an Idempotency-Key a retried request gets the order the first one placed, not a second order.
        const key = request.headers['idempotency-key'];
        if (typeof key !== 'string') {
          const placed = await place();
          return reply.code(201).send(placed.body);
        }
        return sendStored(reply, await commerce.idempotency.run(`place:${homeId}`, key, request.body, place));
      },
    );

    app.get(
      '/api/v1/homes/:homeId/orders',
      {
        schema: {
          tags,
          summary: "The home's recent orders, newest first",
          params: HomeParams,
          response: { 200: Type.Array(OrderSchema), ...errorResponses },
        },
      },
      async (request) => {
        const { homeId } = request.params;
        authorize(request.principal, 'order.read', { kind: 'home', homeId });
        return commerce.orders.listForHome(homeId);
      },
    );

    app.get(
      '/api/v1/merchants/:merchantId/orders',
      {
        schema: {
          tags,
          summary: "The merchant's order board (filter by status, comma-separated)",
          params: Type.Object({ merchantId: IdParam }),
          querystring: Type.Object({ status: Type.Optional(Type.String({ maxLength: 200 })) }),
          response: { 200: Type.Array(OrderSchema), ...errorResponses },
        },
      },
      async (request) => {
        const { merchantId } = request.params;
        authorize(request.principal, 'order.read', { kind: 'merchant', merchantId });
        const statuses = request.query.status?.split(',').map((s) => s.trim());
        for (const status of statuses ?? [])
          if (!(orderStatuses as readonly string[]).includes(status))
            throw new GenioError('validation_failed', {
              field: 'status',
              reason: `${status} is not one of ${orderStatuses.join(', ')}`,
            });
        return commerce.orders.listForMerchant(merchantId, statuses as OrderStatus[] | undefined);
      },
    );

    app.get(
      '/api/v1/orders/:orderId',
      {
        schema: {
          tags,
          summary: 'Get an order',
          params: OrderParams,
          response: { 200: OrderSchema, ...errorResponses },
        },
      },
      async (request) => {
        const order = await commerce.orders.get(request.params.orderId);
        authorize(request.principal, 'order.read', orderResource(order));
        return order;
      },
    );

    app.post(
      '/api/v1/orders/:orderId/pay',
      {
        schema: {
          tags,
          summary:
            'Pay with the payment PIN or the challenge shown on the screen, from the household wallet or through the payment network (`method: "network"`; Idempotency-Key required)',
          params: OrderParams,
          headers: IdempotencyHeaders,
          body: Type.Union([
            Type.Object(
              { pin: Type.String({ pattern: '^[0-9]{4,8}$' }), method: Type.Optional(PaymentMethodSchema) },
              { additionalProperties: false },
            ),
            Type.Object(
              {
                challenge: Type.String({ pattern: '^[0-9]{2}$' }),
                method: Type.Optional(PaymentMethodSchema),
              },
              { additionalProperties: false },
            ),
          ]),
          response: { 200: OrderSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const order = await commerce.orders.get(request.params.orderId);
        authorize(request.principal, 'order.pay', orderResource(order));
        const key = request.headers['idempotency-key'];
        const { method = 'wallet', ...factor } = request.body as SecondFactor & { method?: PaymentMethod };
        // The stored request never holds the PIN itself: only which factor was used.
        const fingerprint = {
          orderId: order.id,
          factor: 'pin' in factor ? 'pin' : 'challenge',
          // Without a method the request is the wallet payment it always was, stored as before.
          ...(method === 'wallet' ? {} : { method }),
        };
        const answer = await commerce.idempotency.run(`pay:${order.homeId}`, key, fingerprint, async () => ({
          status: 200,
          body: await commerce.checkout.pay(order.id, {
            tokenId: request.principal.tokenId,
            factor: factor as SecondFactor,
            method,
          }),
        }));
        return sendStored(reply, answer);
      },
    );

    app.post(
      '/api/v1/orders/:orderId/transitions',
      {
        schema: {
          tags,
          summary:
            'Move an order along its life (merchant: accepted, preparing, ready, picked_up; household: cancelled). A repeated eventId or a late event changes nothing',
          params: OrderParams,
          body: Type.Object(
            {
              to: Type.Union(orderStatuses.map((s) => Type.Literal(s))),
              eventId: Type.Optional(
                Type.String({
                  minLength: 1,
                  maxLength: 100,
                  description:
                    'The event this move records; without it the move is keyed by its target state',
                }),
              ),
            },
            { additionalProperties: false },
          ),
          response: { 200: OrderSchema, ...errorResponses },
        },
      },
      async (request) => {
        const order = await commerce.orders.get(request.params.orderId);
        const { to } = request.body;
        const eventId = request.body.eventId ?? `${request.principal.tokenId}:${to}`;
        const { principal } = request;
        if (to === 'cancelled') authorize(principal, 'order.cancel', orderResource(order));
        else if (to === 'refunded') authorize(principal, 'order.refund', orderResource(order));
        else authorize(principal, 'order.transition', orderResource(order));
        if (
          ['paid', 'payment_failed', 'placed', 'cart', 'refunded'].includes(to) &&
          principal.role !== 'operator'
        )
          throw new GenioError('validation_failed', {
            field: 'to',
            reason: `an order becomes ${to} through payment or refund, not by a transition`,
          });
        if (to === 'cancelled' && ['paid', 'accepted', 'preparing'].includes(order.status)) {
          // Money came in: cancelling gives it all back, and the order ends refunded.
          return commerce.checkout.refund(order.id, { actor: principal.tokenId });
        }
        return commerce.orders.move(order.id, to, { eventId, actor: principal.tokenId });
      },
    );

    app.post(
      '/api/v1/orders/:orderId/refund',
      {
        schema: {
          tags,
          summary:
            'Refund a paid order the way it was paid: to the household wallet or through the payment network (merchant or operator; Idempotency-Key required)',
          params: OrderParams,
          headers: IdempotencyHeaders,
          response: { 200: OrderSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const order = await commerce.orders.get(request.params.orderId);
        authorize(request.principal, 'order.refund', orderResource(order));
        const key = request.headers['idempotency-key'];
        const answer = await commerce.idempotency.run(
          `refund:${order.merchantId}`,
          key,
          { orderId: order.id },
          async () => ({
            status: 200,
            body: await commerce.checkout.refund(order.id, { actor: request.principal.tokenId }),
          }),
        );
        return sendStored(reply, answer);
      },
    );

    app.get(
      '/api/v1/homes/:homeId/payment-settings',
      {
        schema: {
          tags: ['payments'],
          summary: 'Voice payment settings of a home (never the PIN)',
          params: HomeParams,
          response: { 200: PaymentSettingsSchema, ...errorResponses },
        },
      },
      async (request) => {
        const { homeId } = request.params;
        authorize(request.principal, 'payments.configure', { kind: 'home', homeId });
        return commerce.guard.get(homeId);
      },
    );

    app.put(
      '/api/v1/homes/:homeId/payment-settings',
      {
        schema: {
          tags: ['payments'],
          summary:
            'Turn paying by voice on or off, set the PIN (4-8 digits), per-order and 24-hour limits, and tokens that may not pay',
          params: HomeParams,
          body: Type.Object(
            {
              enabled: Type.Boolean(),
              pin: Type.Optional(Type.String({ pattern: '^[0-9]{4,8}$' })),
              currency: Type.Optional(Currency),
              perOrderLimit: Type.Integer({ minimum: 0 }),
              dailyLimit: Type.Integer({ minimum: 0 }),
              deniedTokenIds: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 100 })),
            },
            { additionalProperties: false },
          ),
          response: { 200: PaymentSettingsSchema, ...errorResponses },
        },
      },
      async (request) => {
        const { homeId } = request.params;
        authorize(request.principal, 'payments.configure', { kind: 'home', homeId });
        return commerce.guard.set(homeId, request.body);
      },
    );

    app.post(
      '/api/v1/homes/:homeId/payment-challenge',
      {
        schema: {
          tags: ['payments'],
          summary:
            'A new two-digit challenge for the screen: saying it pays instead of the PIN (valid two minutes)',
          params: HomeParams,
          response: {
            201: Type.Object({ code: Type.String(), expiresAt: Type.Integer() }),
            ...errorResponses,
          },
        },
      },
      async (request, reply) => {
        const { homeId } = request.params;
        authorize(request.principal, 'order.pay', { kind: 'home', homeId });
        return reply.code(201).send(await commerce.guard.newChallenge(homeId));
      },
    );

    app.get(
      '/api/v1/homes/:homeId/wallet',
      {
        schema: {
          tags: ['payments'],
          summary: "The household wallet's balance in a currency",
          params: HomeParams,
          querystring: Type.Object({ currency: Type.Optional(Currency) }),
          response: { 200: BalanceSchema, ...errorResponses },
        },
      },
      async (request) => {
        const { homeId } = request.params;
        authorize(request.principal, 'wallet.read', { kind: 'home', homeId });
        const currency = request.query.currency ?? (await commerce.guard.get(homeId)).currency;
        return commerce.wallet.balance(homeId, currency);
      },
    );

    app.post(
      '/api/v1/homes/:homeId/wallet/top-ups',
      {
        schema: {
          tags: ['payments'],
          summary: 'Add money to the household wallet (Idempotency-Key required: a retried top-up adds once)',
          params: HomeParams,
          headers: IdempotencyHeaders,
          body: Type.Object(
            { amount: Type.Integer({ minimum: 1, maximum: 10_000_000 }), currency: Currency },
            { additionalProperties: false },
          ),
          response: { 201: BalanceSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const { homeId } = request.params;
        authorize(request.principal, 'wallet.topup', { kind: 'home', homeId });
        await homes.getHome(homeId);
        const key = request.headers['idempotency-key'];
        const by = request.principal.role === 'operator' ? 'operator' : 'household';
        const answer = await commerce.idempotency.run(`topup:${homeId}`, key, request.body, async () => ({
          status: 201,
          body: await commerce.wallet.topUp(homeId, { ...request.body, key, by }),
        }));
        return sendStored(reply, answer);
      },
    );

    app.get(
      '/api/v1/ledger/trial-balance',
      {
        schema: {
          tags: ['payments'],
          summary:
            'Debits and credits over all ledger accounts per currency; they are equal or something is wrong',
          response: { 200: Type.Unknown(), ...errorResponses },
        },
      },
      async (request) => {
        authorize(request.principal, 'ledger.read', hub);
        const [balance, mismatches] = await Promise.all([
          commerce.ledger.trialBalance(),
          commerce.ledger.verify(),
        ]);
        return { ...balance, mismatches };
      },
    );
  };
}
