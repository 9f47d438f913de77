import type { TurnResponse as ContractTurnResponse } from '@genio/contracts';
import { Type } from 'typebox';
import { authorize, can } from '../../access/index.js';
import type { TurnRequest } from '../../assistant/index.js';
import type { Principal } from '../../auth/index.js';
import type { Bus, Envelope } from '../../bus/index.js';
import { GenioError, isGenioError, type Language, languages } from '../../errors/index.js';
import type { Metrics } from '../../metrics/index.js';
import { createAudioSession, isVoiceMessage, type ScreenSpeech } from '../../voice/index.js';
import type { RouteModule } from '../types.js';

/** Which events a principal may receive: those of a home the policy lets it subscribe to; hub-wide ones operators only. */
export function mayReceive(principal: Principal, envelope: Envelope): boolean {
  const { merchantId: orderMerchant, homeId: orderHome } = envelope.payload as {
    merchantId?: unknown;
    homeId?: unknown;
  };
  // A merchant follows the orders placed with it (its live order board), never the homes behind them.
  if (principal.role === 'merchant')
    return (
      envelope.name.startsWith('order.') &&
      typeof orderMerchant === 'string' &&
      typeof orderHome === 'string' &&
      can(principal, 'order.read', { kind: 'order', homeId: orderHome, merchantId: orderMerchant }).allow
    );
  const homeId = (envelope.payload as { homeId?: unknown }).homeId;
  const resource = typeof homeId === 'string' ? { kind: 'home' as const, homeId } : { kind: 'hub' as const };
  return can(principal, 'events.subscribe', resource).allow;
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
/** Turns one socket may have in flight; more are refused, so one client cannot queue work without end. */
export const MAX_TURNS_PER_SOCKET = 4;
/** Turns one token may have in flight over all its sockets. */
export const MAX_TURNS_PER_TOKEN = 8;
/** Utterances one token may have open or being transcribed over all its sockets (each socket: one). */
export const MAX_UTTERANCES_PER_TOKEN = 2;

/** Read a `{ type: "turn", text, homeId?, language?, conversationId?, choice?, id? }` message. */
function readTurn(message: Record<string, unknown>, principal: Principal): TurnRequest {
  const { text, language, conversationId, choice } = message;
  const homeId = message.homeId ?? principal.homeId;
  if (typeof text !== 'string' || text.trim() === '' || text.length > 1000)
    throw new GenioError('validation_failed', { field: 'text', reason: '1 to 1000 characters' });
  if (typeof homeId !== 'string')
    throw new GenioError('validation_failed', { field: 'homeId', reason: 'required for this token' });
  if (language !== undefined && !(languages as readonly unknown[]).includes(language))
    throw new GenioError('validation_failed', {
      field: 'language',
      reason: `one of ${languages.join(', ')}`,
    });
  if (conversationId !== undefined && (typeof conversationId !== 'string' || conversationId.length > 64))
    throw new GenioError('validation_failed', { field: 'conversationId', reason: 'at most 64 characters' });
  if (choice !== undefined && (typeof choice !== 'string' || choice === '' || choice.length > 64))
    throw new GenioError('validation_failed', { field: 'choice', reason: '1 to 64 characters' });
  authorize(principal, 'conversation.turn', { kind: 'home', homeId });
  return {
    text,
    homeId,
    ...(language ? { language: language as Language } : {}),
    ...(conversationId ? { conversationId: conversationId as string } : {}),
    ...(typeof choice === 'string' ? { choice } : {}),
  };
}

/** A turn's answer as sent to the client (the contract's turn response: any of the screen's cards). */
export type TurnAnswer = ContractTurnResponse;

/**
 * GET /api/v1/events (websocket): live domain events, filtered by name and home. The same socket
 * takes conversation turns: `{ "type": "turn", "text": "..." }` is answered with `{ "type": "turn", ... }`.
 */
export function eventRoutes(deps: {
  bus: Bus;
  metrics: Metrics;
  /** One conversation turn; `speaker` is the token that said it (ordering checks who may pay). */
  turn?: (request: TurnRequest, speaker: { tokenId: string }) => Promise<TurnAnswer>;
  /** Speech for `audio.*` messages (hold-to-talk); without it the screen is told nothing can be heard. */
  speech?: ScreenSpeech;
}): RouteModule {
  return (app) => {
    let next = 0;
    const turnsOfToken = new Map<string, number>();
    const utterancesOfToken = new Map<string, number>();
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
        let turnsInFlight = 0;
        let queue: Promise<unknown> = Promise.resolve();
        deps.metrics.websocketClients.inc();

        deps.bus.onAny(owner, (envelope) => {
          if (
            envelope.name === 'token.revoked' &&
            (envelope.payload as { tokenId: string }).tokenId === principal.tokenId
          ) {
            socket.close(CLOSE_REVOKED, 'token revoked');
            return;
          }
          // Deleting a home deletes its household tokens: their sockets end as a revocation would end them.
          if (
            envelope.name === 'home.deleted' &&
            principal.homeId !== null &&
            (envelope.payload as { homeId: string }).homeId === principal.homeId
          ) {
            socket.close(CLOSE_REVOKED, 'home deleted');
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

        const runTurn = (message: Record<string, unknown>): void => {
          const id =
            typeof message.id === 'string' || typeof message.id === 'number' ? message.id : undefined;
          if (!deps.turn) {
            socket.send(
              JSON.stringify({ type: 'error', code: 'validation_failed', detail: 'unknown message type' }),
            );
            return;
          }
          const turn = deps.turn;
          const ofToken = turnsOfToken.get(principal.tokenId) ?? 0;
          if (turnsInFlight >= MAX_TURNS_PER_SOCKET || ofToken >= MAX_TURNS_PER_TOKEN) {
            const limit = turnsInFlight >= MAX_TURNS_PER_SOCKET ? MAX_TURNS_PER_SOCKET : MAX_TURNS_PER_TOKEN;
            const scope = limit === MAX_TURNS_PER_SOCKET ? 'this connection' : 'this token';
            socket.send(
              JSON.stringify({
                type: 'error',
                ...(id === undefined ? {} : { id }),
                code: 'rate_limited',
                detail: `At most ${limit} turns may be in progress on ${scope}; wait for an answer before sending more.`,
              }),
            );
            return;
          }
          turnsInFlight++;
          turnsOfToken.set(principal.tokenId, ofToken + 1);
          const settle = () => {
            turnsInFlight--;
            const left = (turnsOfToken.get(principal.tokenId) ?? 1) - 1;
            if (left > 0) turnsOfToken.set(principal.tokenId, left);
            else turnsOfToken.delete(principal.tokenId);
          };
          const respond = async (): Promise<void> => {
            let reply: Record<string, unknown>;
            try {
              const answer = await turn(readTurn(message, principal), { tokenId: principal.tokenId });
              reply = { type: 'turn', ...(id === undefined ? {} : { id }), ...answer };
            } catch (error) {
              const genio = isGenioError(error) ? error : new GenioError('internal', {}, { cause: error });
              reply = {
                type: 'error',
                ...(id === undefined ? {} : { id }),
                code: genio.code,
                problem: genio.toProblem(),
              };
            }
            if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(reply));
          };
          // One socket's turns run one after another, in the order sent (a follow-up needs the turn before
          // it), each in its own pass of the event loop so that HTTP requests are served between them.
          queue = queue
            .then(() => new Promise((resolve) => setImmediate(resolve)))
            .then(respond)
            .catch(() => {})
            .finally(settle);
        };
        const audio = createAudioSession({
          principal,
          places: {
            take: () => {
              const held = utterancesOfToken.get(principal.tokenId) ?? 0;
              if (held >= MAX_UTTERANCES_PER_TOKEN) return false;
              utterancesOfToken.set(principal.tokenId, held + 1);
              return true;
            },
            give: () => {
              const left = (utterancesOfToken.get(principal.tokenId) ?? 1) - 1;
              if (left > 0) utterancesOfToken.set(principal.tokenId, left);
              else utterancesOfToken.delete(principal.tokenId);
            },
          },
          speech: deps.speech,
          runTurn,
          send: (message) => {
            if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
          },
        });

        socket.on('message', (raw: Buffer, isBinary: boolean) => {
          if (isBinary) {
            audio.frame(raw);
            return;
          }
          const text = raw.toString('utf8');
          if (text === 'ping' || text === '{"type":"ping"}') {
            socket.send('{"type":"pong"}');
            return;
          }
          let message: Record<string, unknown>;
          try {
            message = JSON.parse(text) as Record<string, unknown>;
          } catch {
            socket.send(
              JSON.stringify({ type: 'error', code: 'validation_failed', detail: 'messages are JSON' }),
            );
            return;
          }
          if (message && typeof message === 'object' && isVoiceMessage(message)) {
            audio.message(message);
            return;
          }
          if (message?.type !== 'turn') {
            socket.send(
              JSON.stringify({ type: 'error', code: 'validation_failed', detail: 'unknown message type' }),
            );
            return;
          }
          runTurn(message);
        });
        socket.on('close', () => {
          audio.close();
          deps.bus.off(owner);
          deps.metrics.websocketClients.dec();
        });
        socket.send(JSON.stringify({ type: 'ready', role: principal.role, homeId: principal.homeId }));
      },
    );
  };
}
