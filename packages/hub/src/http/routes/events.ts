import { Type } from 'typebox';
import type { Principal } from '../../auth/index.js';
import type { Bus, Envelope } from '../../bus/index.js';
import type { Metrics } from '../../metrics/index.js';
import type { RouteModule } from '../types.js';

/** Which events a principal may receive: operators all; households those of their home; others none yet. */
export function mayReceive(principal: Principal, envelope: Envelope): boolean {
  if (principal.role === 'operator') return true;
  const homeId = (envelope.payload as { homeId?: unknown }).homeId;
  return principal.role === 'household' && typeof homeId === 'string' && homeId === principal.homeId;
}

function matcher(filter: string | undefined): (name: string) => boolean {
  const patterns = (filter ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (patterns.length === 0) return () => true;
  return (name) => patterns.some((p) => (p.endsWith('*') ? name.startsWith(p.slice(0, -1)) : name === p));
}

const CLOSE_REVOKED = 4401;

/** GET /api/v1/events (websocket): live domain events, filtered by name and home. */
export function eventRoutes(deps: { bus: Bus; metrics: Metrics }): RouteModule {
  return (app) => {
    let next = 0;
    app.get(
      '/api/v1/events',
      {
        websocket: true,
        schema: {
          tags: ['events'],
          summary: 'Websocket of live domain events; token in Authorization or access_token',
          querystring: Type.Object({
            events: Type.Optional(
              Type.String({ description: 'Comma-separated names; a trailing * matches a prefix' }),
            ),
            homeId: Type.Optional(Type.String()),
            access_token: Type.Optional(Type.String()),
          }),
        },
      },
      (socket, request) => {
        const principal = request.principal;
        const wants = matcher(request.query.events);
        const homeFilter = request.query.homeId;
        const owner = `ws#${++next}`;
        deps.metrics.websocketClients.inc();

        deps.bus.onAny(owner, (envelope) => {
          if (
            envelope.name === 'token.revoked' &&
            (envelope.payload as { tokenId: string }).tokenId === principal.tokenId
          ) {
            socket.close(CLOSE_REVOKED, 'token revoked');
            return;
          }
          if (!wants(envelope.name) || !mayReceive(principal, envelope)) return;
          if (homeFilter && (envelope.payload as { homeId?: unknown }).homeId !== homeFilter) return;
          if (socket.readyState !== socket.OPEN) return;
          socket.send(
            JSON.stringify({
              id: envelope.id,
              name: envelope.name,
              at: envelope.at,
              payload: envelope.payload,
            }),
          );
        });

        socket.on('message', (raw: Buffer) => {
          const text = raw.toString('utf8');
          if (text === 'ping' || text === '{"type":"ping"}') socket.send('{"type":"pong"}');
        });
        socket.on('close', () => {
          deps.bus.off(owner);
          deps.metrics.websocketClients.dec();
        });
        socket.send(JSON.stringify({ type: 'ready', role: principal.role, homeId: principal.homeId }));
      },
    );
  };
}
