import type { ApiClient } from '../../lib/api.js';
import { type ConnectionState, EventStream, type HubEvent } from '../../lib/events.js';

/** Events kept for the live log (newest first). */
export const LIVE_LOG_LIMIT = 500;

/** One event stream for the whole console: pages subscribe; the newest 500 events are kept for the live log. */
export class LiveEvents {
  private readonly listeners = new Set<(event: HubEvent) => void>();
  private readonly stateListeners = new Set<(state: ConnectionState) => void>();
  private stream: EventStream | null = null;
  /** Newest first. */
  recent: HubEvent[] = [];
  state: ConnectionState = 'connecting';

  /** `enabled` false (a token that may not subscribe): no socket, the state stays 'closed'. */
  constructor(
    private readonly api: ApiClient,
    private readonly onUnauthorized: () => void,
    enabled = true,
  ) {
    if (enabled) this.open();
    else this.state = 'closed';
  }

  private open(): void {
    const stream: EventStream = new EventStream({
      url: () => this.api.eventsUrl(),
      onEvent: (event) => {
        if (this.stream !== stream) return;
        this.recent = [event, ...this.recent].slice(0, LIVE_LOG_LIMIT);
        for (const listener of this.listeners) listener(event);
      },
      onState: (state) => {
        // A replaced socket's last words (its close) are not the console's state.
        if (this.stream !== null && this.stream !== stream) return;
        this.state = state;
        for (const listener of this.stateListeners) listener(state);
        if (state === 'unauthorized') this.onUnauthorized();
      },
    });
    this.stream = stream;
  }

  /**
   * Open a new socket. The hub scopes a developer's stream to the test homes it owned when the socket
   * opened, so after creating one the console reconnects to hear that home's events.
   */
  reconnect(): void {
    const old = this.stream;
    if (!old) return;
    this.stream = null;
    old.close();
    this.open();
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
