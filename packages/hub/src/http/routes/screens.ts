import QRCode from 'qrcode';
import { Type } from 'typebox';
import { authorize } from '../../access/index.js';
import type { Principal, ScreenPairing } from '../../auth/index.js';
import type { HomeService } from '../../homes/index.js';
import { errorResponses, IdParam } from '../schemas.js';
import type { RouteModule } from '../types.js';

const CodeSchema = Type.Object({
  code: Type.String(),
  homeId: Type.String(),
  expiresAt: Type.Integer(),
  url: Type.String({ description: 'Opening this URL on the screen pairs it' }),
});

/** Pairing a speaker screen: a one-time code (also as a QR code) that the screen trades for a household token. */
export function screenRoutes(deps: { pairing: ScreenPairing; homes: HomeService }): RouteModule {
  return (app) => {
    const tags = ['screens'];
    const mayPair = async (principal: Principal, homeId: string) => {
      authorize(principal, 'screen.pair', { kind: 'home', homeId });
      await deps.homes.getHome(homeId);
    };
    const pairUrl = (origin: string, code: string) => `${origin}/?pair=${code}`;

    app.post(
      '/api/v1/homes/:homeId/screen-pairing',
      {
        schema: {
          tags,
          summary: 'Create a one-time code (10 minutes) that pairs a speaker screen with this home',
          params: Type.Object({ homeId: IdParam }),
          response: { 201: CodeSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        await mayPair(request.principal, request.params.homeId);
        const code = await deps.pairing.create(request.params.homeId);
        return reply
          .code(201)
          .send({ ...code, url: pairUrl(`${request.protocol}://${request.host}`, code.code) });
      },
    );
    app.get(
      '/api/v1/homes/:homeId/screen-pairing.png',
      {
        schema: {
          tags,
          summary: 'A QR code of the pairing URL for a code created before',
          params: Type.Object({ homeId: IdParam }),
          querystring: Type.Object(
            { code: Type.String({ pattern: '^[A-Z0-9]{6}$' }) },
            { additionalProperties: false },
          ),
        },
      },
      async (request, reply) => {
        await mayPair(request.principal, request.params.homeId);
        const png = await QRCode.toBuffer(
          pairUrl(`${request.protocol}://${request.host}`, request.query.code),
          {
            type: 'png',
            width: 280,
            margin: 2,
          },
        );
        return reply.header('cache-control', 'no-store').type('image/png').send(png);
      },
    );
    app.post(
      '/api/v1/screen-pairing/claim',
      {
        config: { public: true },
        schema: {
          tags,
          summary:
            'Trade a screen pairing code for a household token (no token needed: the code is the secret; one use)',
          security: [],
          body: Type.Object(
            { code: Type.String({ minLength: 6, maxLength: 12 }) },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({ token: Type.String(), tokenId: Type.String(), homeId: Type.String() }),
            ...errorResponses,
          },
        },
      },
      async (request) => {
        const created = await deps.pairing.claim(request.body.code, request.ip);
        return { token: created.token, tokenId: created.id, homeId: created.homeId as string };
      },
    );
  };
}
