import type { TurnResponse } from '@genio/contracts';
import { ApiError } from '../../lib/api.js';
import type { Hub } from '../hub.js';

/** The hub's answer to one turn, as the contract defines it (its card is still read defensively by parseCard). */
export type TurnReply = TurnResponse;

const SOCKET_TIMEOUT_MS = 20_000;
let nextId = 0;

/** The answer to the turn sent (or heard by the hub) with this id, from the socket. */
export function awaitTurn(
  hub: Hub,
  id: string | number,
  timeoutMs = SOCKET_TIMEOUT_MS,
): Promise<TurnReply> & { cancel(): void } {
  let settle: (() => void) | null = null;
  const promise = new Promise<TurnReply>((resolve, reject) => {
    const stop = hub.onMessage((message) => {
      if (message.id !== id) return;
      if (message.type !== 'turn' && message.type !== 'error') return;
      stop();
      clearTimeout(timer);
      if (message.type === 'turn') {
        resolve(message as unknown as TurnReply);
        return;
      }
      const problem = (message.problem ?? {}) as { status?: number; detail?: string; title?: string };
      reject(
        new ApiError(
          problem.status ?? 500,
          String(message.code ?? 'internal'),
          problem.detail ?? problem.title ?? String(message.code),
        ),
      );
    });
    const timer = setTimeout(() => {
      stop();
      reject(new ApiError(0, 'network', 'The hub did not answer in time. Try again.'));
    }, timeoutMs);
    settle = () => {
      stop();
      clearTimeout(timer);
    };
  });
  return Object.assign(promise, { cancel: () => settle?.() });
}

function overSocket(hub: Hub, body: Record<string, unknown>): Promise<TurnReply> {
  const id = ++nextId;
  const reply = awaitTurn(hub, id);
  if (!hub.send({ type: 'turn', id, ...body })) {
    reply.cancel();
    return Promise.reject(new SocketDown());
  }
  return reply;
}

class SocketDown extends Error {}

/**
 * Run one turn over the websocket, or over REST when the socket is down. `choice` is the id of the
 * item tapped in the card of the question this conversation asked ("Which one?").
 */
export async function sendTurn(
  hub: Hub,
  text: string,
  conversationId: string | null,
  choice?: string,
): Promise<TurnReply> {
  const body: Record<string, unknown> = {
    text,
    ...(conversationId ? { conversationId } : {}),
    ...(conversationId && choice ? { choice } : {}),
  };
  try {
    return await overSocket(hub, body);
  } catch (error) {
    if (!(error instanceof SocketDown)) throw error;
  }
  return hub.api.post<TurnReply>('/api/v1/conversation', { ...body, homeId: hub.homeId });
}
