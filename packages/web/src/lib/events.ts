import type { EventMessage } from '@genio/contracts';

/** One bus event as the hub's websocket sends it (shape from the contract). */
export type HubEvent = EventMessage;

export type ConnectionState = 'connecting' | 'open' | 'closed' | 'unauthorized';

export interface EventStreamOptions {
  url: () => string;
  onEvent: (event: HubEvent) => void;
  onState?: (state: ConnectionState) => void;
  /** Raw non-event messages (turn replies, errors). */
  onMessage?: (message: Record<string, unknown>) => void;
}

/** The live event stream with reconnection (1 s doubling to 15 s); a revoked token (4401) stops it. */
export class EventStream {
  private socket: WebSocket | null = null;
  private delay = 1000;
  private stopped = false;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly options: EventStreamOptions) {
    this.connect();
  }

  send(message: unknown): boolean {
    if (this.socket?.readyState !== WebSocket.OPEN) return false;
    this.socket.send(JSON.stringify(message));
    return true;
  }

  /** Send binary data (audio frames); false when the socket is not open. */
  sendBinary(data: ArrayBuffer): boolean {
    if (this.socket?.readyState !== WebSocket.OPEN) return false;
    this.socket.send(data);
    return true;
  }

  close(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.socket?.close();
  }

  private connect(): void {
    this.options.onState?.('connecting');
    const socket = new WebSocket(this.options.url());
    this.socket = socket;
    socket.onmessage = (message) => {
      let data: unknown;
      try {
        data = JSON.parse(String(message.data));
      } catch {
        return;
      }
      if (!data || typeof data !== 'object') return;
      const record = data as Record<string, unknown>;
      if (record.type === 'ready') {
        this.delay = 1000;
        this.options.onState?.('open');
      } else if (typeof record.name === 'string' && 'payload' in record) {
        this.options.onEvent(record as unknown as HubEvent);
      } else {
        this.options.onMessage?.(record);
      }
    };
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      if (event.code === 4401) {
        this.stopped = true;
        this.options.onState?.('unauthorized');
        return;
      }
      this.options.onState?.('closed');
      if (this.stopped) return;
      this.timer = setTimeout(() => this.connect(), this.delay);
      this.delay = Math.min(this.delay * 2, 15_000);
    };
  }
}
