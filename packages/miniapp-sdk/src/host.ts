import type { JsonValue } from './events.js';

/** A capability of a device as an app reads it (the screen's capability state). */
export interface HostCapability {
  name: string;
  kind: string;
  value?: JsonValue;
  [key: string]: JsonValue | undefined;
}

/** A device of the home as an app sees it: capabilities, never protocol identifiers. */
export interface HostDevice {
  id: string;
  name: string;
  category: string;
  areaId: string | null;
  online: boolean;
  capabilities: HostCapability[];
}

/** What a fetch through the hub answered. */
export interface FetchResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** One line of an order: an item of the merchant's menu by its ref. */
export interface OrderLine {
  ref: string;
  quantity: number;
  options?: Record<string, string[]>;
}

/**
 * The host API an app's handler receives. Each call crosses to the hub as a JSON copy; the hub checks
 * the manifest's permission AND the household's grant before it runs, and refuses with an Error
 * carrying `code` ("forbidden", "payload_too_large", "validation_failed", "not_found", ...).
 */
export interface Host {
  storage: {
    /** The value stored under `key` for this home, or null. */
    get(args: { key: string }): Promise<JsonValue>;
    /** Store a JSON value; refused beyond the app's storage quota. */
    set(args: { key: string; value: JsonValue }): Promise<null>;
    /** Whether there was a value to delete. */
    delete(args: { key: string }): Promise<boolean>;
    keys(args?: { prefix?: string }): Promise<string[]>;
  };
  network: {
    /** A request through the hub to a host on the manifest's `network.allowlist`. */
    fetch(args: {
      url: string;
      method?: string;
      headers?: Record<string, string>;
      body?: string;
    }): Promise<FetchResponse>;
  };
  devices: {
    /** The home's devices, or those having one capability. */
    list(args?: { capability?: string }): Promise<HostDevice[]>;
    /** Set capabilities of one device (by id) or of every device of a category. */
    control(
      args: ({ deviceId: string; category?: never } | { category: string; deviceId?: never }) & {
        values: Record<string, JsonValue>;
      },
    ): Promise<Array<{ deviceId: string; status: string }>>;
  };
  timers: {
    start(args: { seconds: number; name?: string }): Promise<{ timerId: string; endsAt: number }>;
    cancel(args: { timerId: string }): Promise<JsonValue>;
  };
  notifications: {
    send(args: { title: string; text: string }): Promise<null>;
  };
  payments: {
    /**
     * Order from the manifest's merchant, priced from its menu; the platform asks the household to
     * confirm (PIN or challenge) and the app learns the outcome in a `payment` event.
     */
    request(args: {
      items: OrderLine[];
      storeRef?: string;
    }): Promise<{ orderId: string; status: 'awaiting_confirmation' }>;
  };
  location: {
    /** The home's location, coarse (two decimals, about a kilometre), or null when it has none. */
    get(): Promise<{ lat: number; lon: number } | null>;
  };
}
