import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal, TokenService } from '../auth/index.js';
import { GenioError } from '../errors/index.js';
import type { GenioApp } from './types.js';

function bearerFrom(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header === 'string') {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return match ? (match[1] as string) : null;
  }
  // Browsers cannot set headers on a websocket upgrade; the token may come as a query parameter there only.
  if (request.headers.upgrade?.toLowerCase() === 'websocket') {
    const query = request.query as Record<string, unknown> | undefined;
    const token = query?.access_token;
    return typeof token === 'string' ? token : null;
  }
  return null;
}

/** The path as the router sees it: percent-decoded, without the query; null when it cannot be decoded. */
function decodedPath(url: string): string | null {
  const path = url.split('?')[0] as string;
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
}

/**
 * A matched route needs a token unless it is marked public: the decision follows the route the router
 * chose, never the raw URL, so `/%61pi/...` is the same route as `/api/...`. An unmatched request under
 * /api or /metrics needs a token before it may learn that nothing is there.
 */
function needsAuth(request: FastifyRequest): boolean {
  if (request.routeOptions.url !== undefined) return request.routeOptions.config?.public !== true;
  const path = decodedPath(request.url);
  if (path === null) return true;
  const lower = path.toLowerCase();
  return lower.startsWith('/api') || lower.startsWith('/metrics');
}

/** Every route needs a bearer token unless it is marked public (`config: { public: true }`). */
export function installAuth(app: GenioApp, tokens: TokenService): void {
  app.decorateRequest('principal', null as unknown as Principal);
  app.addHook('onRequest', async (request: FastifyRequest, _reply: FastifyReply) => {
    if (!needsAuth(request)) return;
    const token = bearerFrom(request);
    const principal = token ? await tokens.verify(token) : null;
    if (!principal) throw new GenioError('unauthorized');
    request.principal = principal;
  });
}
