import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ApiClient, ApiError } from '../lib/api.js';
import { type ConnectionState, EventStream, type HubEvent } from '../lib/events.js';
import type { Session } from './session.js';

/** An ApiClient that reports a revoked or unknown token (401) once, so the app can go back to pairing. */
export class ScreenApi extends ApiClient {
  constructor(
    token: string,
    private readonly onUnauthorized: () => void,
  ) {
    super(token);
  }

  override async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    try {
      return await super.request<T>(method, path, body);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) this.onUnauthorized();
      throw error;
    }
  }
}

type Listener = (event: HubEvent) => void;
type MessageListener = (message: Record<string, unknown>) => void;

/** What the paired screen's parts share: REST, the live event stream and its state. */
export interface Hub {
  homeId: string;
  api: ScreenApi;
  state: ConnectionState;
  /** Counts the socket's openings: data loaded over REST reloads when it changes, so nothing missed while offline stays stale. */
  epoch: number;
  /** Listen to live events; returns the unsubscribe function. */
  on(listener: Listener): () => void;
  /** Listen to non-event socket messages (turn replies); returns the unsubscribe function. */
  onMessage(listener: MessageListener): () => void;
  /** Send a message over the socket; false when it is not open. */
  send(message: unknown): boolean;
  /** Send binary data (audio frames) over the socket; false when it is not open. */
  sendBinary(data: ArrayBuffer): boolean;
}

/** Open REST and the websocket for a session; `onUnauthorized` fires on a 401 or a 4401 close. */
export function useHub(session: Session, onUnauthorized: () => void): Hub {
  const [state, setState] = useState<ConnectionState>('connecting');
  const [epoch, setEpoch] = useState(0);
  const listeners = useRef(new Set<Listener>());
  const messageListeners = useRef(new Set<MessageListener>());
  const unauthorized = useRef(onUnauthorized);
  unauthorized.current = onUnauthorized;

  const api = useMemo(() => new ScreenApi(session.token, () => unauthorized.current()), [session.token]);
  const stream = useRef<EventStream | null>(null);

  useEffect(() => {
    const events = new EventStream({
      url: () => api.eventsUrl({ homeId: session.homeId }),
      onEvent: (event) => {
        for (const listener of listeners.current) listener(event);
      },
      onMessage: (message) => {
        for (const listener of messageListeners.current) listener(message);
      },
      onState: (next) => {
        setState(next);
        if (next === 'open') setEpoch((n) => n + 1);
        if (next === 'unauthorized') unauthorized.current();
      },
    });
    stream.current = events;
    return () => {
      stream.current = null;
      events.close();
    };
  }, [api, session.homeId]);

  const channel = useMemo(
    () => ({
      on(listener: Listener) {
        listeners.current.add(listener);
        return () => {
          listeners.current.delete(listener);
        };
      },
      onMessage(listener: MessageListener) {
        messageListeners.current.add(listener);
        return () => {
          messageListeners.current.delete(listener);
        };
      },
      send: (message: unknown) => stream.current?.send(message) ?? false,
      sendBinary: (data: ArrayBuffer) => stream.current?.sendBinary(data) ?? false,
    }),
    [],
  );

  return useMemo<Hub>(
    () => ({ homeId: session.homeId, api, state, epoch, ...channel }),
    [api, state, epoch, session.homeId, channel],
  );
}

/** Subscribe to live events while mounted; the handler may change between renders. */
export function useHubEvents(hub: Hub, handler: Listener): void {
  const current = useRef(handler);
  current.current = handler;
  useEffect(() => hub.on((event) => current.current(event)), [hub.on]);
}
