import type { ApiClient } from '../../lib/api.js';
import { type ConnectionState, EventStream, type HubEvent } from '../../lib/events.js';

/** Events kept for the live log (newest first). */
export const LIVE_LOG_LIMIT = 500;

/** One event stream for the whole console: pages subscribe; the newest 500 events are kept for the live log. */
export class LiveEvents {
  private readonly listeners = new Set<(event: HubEvent) => void>();
  private readonly stateListeners = new Set<(state: ConnectionState) => void>();
  private readonly stream: EventStream | null;
  /** Newest first. */
  recent: HubEvent[] = [];
  state: ConnectionState = 'connecting';

  /** `enabled` false (a token that may not subscribe): no socket, the state stays 'closed'. */
  constructor(api: ApiClient, onUnauthorized: () => void, enabled = true) {
    if (!enabled) {
      this.stream = null;
      this.state = 'closed';
      return;
    }
    this.stream = new EventStream({
      url: () => api.eventsUrl(),
      onEvent: (event) => {
        this.recent = [event, ...this.recent].slice(0, LIVE_LOG_LIMIT);
        for (const listener of this.listeners) listener(event);
      },
      onState: (state) => {
        this.state = state;
        for (const listener of this.stateListeners) listener(state);
        if (state === 'unauthorized') onUnauthorized();
      },
    });
  }

  subscribe(listener: (event: HubEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onState(listener: (state: ConnectionState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  close(): void {
    this.stream?.close();
    this.listeners.clear();
    this.stateListeners.clear();
  }
}
