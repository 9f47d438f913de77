import { createContext } from 'preact';
import { useContext, useEffect, useRef, useState } from 'preact/hooks';
import type { ConnectionState, HubEvent } from '../../lib/events.js';
import type { ConsoleApi } from './console-api.js';
import type { LiveEvents } from './live.js';
import type { Identity } from './session.js';

/** What every page of a signed-in console needs. */
export interface ConsoleSession {
  api: ConsoleApi;
  identity: Identity;
  live: LiveEvents;
}

export const SessionContext = createContext<ConsoleSession | null>(null);

export function useSession(): ConsoleSession {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in console');
  return session;
}

/** Call `handler` for each live event while the component is mounted (the latest handler is used). */
export function useLiveEvent(handler: (event: HubEvent) => void): void {
  const { live } = useSession();
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => live.subscribe((event) => latest.current(event)), [live]);
}

/** The live stream's connection state. */
export function useLiveState(): ConnectionState {
  const { live } = useSession();
  const [state, setState] = useState<ConnectionState>(live.state);
  useEffect(() => {
    setState(live.state);
    return live.onState(setState);
  }, [live]);
  return state;
}
