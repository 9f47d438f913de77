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

function needsAuth(request: FastifyRequest): boolean {
  if (request.routeOptions.config?.public) return false;
  const path = request.url;
  return path.startsWith('/api') || path.startsWith('/metrics');
}

/** Every /api route and /metrics need a bearer token unless the route is marked public. */
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
