import { Type } from 'typebox';
import { type CommerceModule, SIGNATURE_HEADER } from '../../commerce/index.js';
import { GenioError } from '../../errors/index.js';
import { errorResponses } from '../schemas.js';
import type { GenioApp, RouteModule } from '../types.js';

const SettlementSchema = Type.Object({
  orderId: Type.String(),
  status: Type.String(),
  changed: Type.Boolean(),
  ignored: Type.Optional(Type.String()),
});

/**
 * Notices from payment providers. Public, because the provider has no Genio token: each request is
 * authenticated by its HMAC signature, computed over the body exactly as sent, so this scope keeps
 * the body as a string instead of parsing it.
 */
export function paymentWebhookRoutes(commerce: CommerceModule): RouteModule {
  return async (app) => {
    await app.register(async (scope) => {
      const raw = scope as unknown as GenioApp;
      raw.removeAllContentTypeParsers();
      raw.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
      raw.post(
        '/api/v1/payments/webhooks/:provider',
        {
          config: { public: true },
          schema: {
            tags: ['payments'],
            summary:
              "A payment provider's signed notice (Genio-Signature over the raw body); a duplicate or late notice changes nothing",
            security: [],
            params: Type.Object({ provider: Type.String({ minLength: 1, maxLength: 40 }) }),
            response: { 200: SettlementSchema, ...errorResponses },
          },
        },
        async (request) => {
          const { provider: name } = request.params;
          const provider = commerce.checkout.provider(name);
          if (!provider) throw new GenioError('not_found', { kind: 'payment provider', id: name });
          const header = request.headers[SIGNATURE_HEADER];
          const body = typeof request.body === 'string' ? request.body : '';
          const event = provider.verifyWebhook(body, typeof header === 'string' ? header : undefined);
          return commerce.payments.applyEvent(provider.name, event);
        },
      );
    });
  };
}
