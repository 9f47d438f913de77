import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GenioError } from '../../errors/index.js';
import type { GenioApp, RouteModule } from '../types.js';

const SAFE_ASSET = /^[A-Za-z0-9._-]+(?:\/[A-Za-z0-9._-]+)*$/;

/** Where the web package's build lands in this checkout. */
export const DEFAULT_WEB_DIR = fileURLToPath(new URL('../../../../web/dist', import.meta.url));

const NOT_BUILT = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Genio</title>
<body style="font-family:system-ui;max-width:40em;margin:3em auto;line-height:1.5">
<h1>The screen app is not built yet</h1>
<p>The hub is running and its API answers, but the web pages have not been built. Run
<code>npm run build -w @genio/web</code> (or start the hub with <code>npm start</code>, which builds them) and reload.</p>
</body></html>`;

/** Serves the screen app at /, the console at /console and the card gallery at /cards from the Vite build; any unknown page path falls back to its app. */
export function webRoutes(webDir: string = DEFAULT_WEB_DIR): RouteModule {
  return async (app: GenioApp) => {
    const built = existsSync(`${webDir}/index.html`);
    if (!built) {
      app.get('/', { config: { public: true }, schema: { hide: true } }, async (_request, reply) =>
        reply.code(503).type('text/html; charset=utf-8').send(NOT_BUILT),
      );
      return;
    }
    await app.register(fastifyStatic, {
      root: webDir,
      serve: false,
      cacheControl: false,
      setHeaders(response, path) {
        // Hashed assets never change; the pages must always be fresh so that a new build is picked up.
        response.setHeader(
          'cache-control',
          path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
    const page = (file: string) => async (_request: FastifyRequest, reply: FastifyReply) =>
      reply.sendFile(file);
    app.get('/', { config: { public: true }, schema: { hide: true } }, page('index.html'));
    app.get('/console', { config: { public: true }, schema: { hide: true } }, page('console/index.html'));
    app.get('/console/', { config: { public: true }, schema: { hide: true } }, page('console/index.html'));
    app.get('/console/*', { config: { public: true }, schema: { hide: true } }, page('console/index.html'));
    app.get('/cards', { config: { public: true }, schema: { hide: true } }, page('cards/index.html'));
    app.get('/cards/', { config: { public: true }, schema: { hide: true } }, page('cards/index.html'));
    app.get('/assets/*', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
      const path = (request.params as { '*': string })['*'];
      // Build output names only: anything that could climb out of assets/ is simply not there.
      if (!SAFE_ASSET.test(path) || path.split('/').includes('..'))
        throw new GenioError('not_found', { kind: 'file', id: `assets/${path.slice(0, 100)}` });
      return reply.sendFile(`assets/${path}`);
    });
  };
}
