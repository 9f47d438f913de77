import type { JsonValue } from './events.js';

/** A device of the home as an app sees it: capabilities, never protocol identifiers. */
export interface HostDevice {
  id: string;
  name: string;
  category: string;
  area: string | null;
  online: boolean;
  /** Capability name -> current value ("power": true, "heartRate": 72). */
  state: Record<string, JsonValue>;
}

/** What a fetch through the hub answered. */
export interface FetchResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * The host API an app's handler receives. Each call crosses to the hub as a JSON copy; the hub checks
 * the manifest's permission AND the household's grant before it runs, and refuses with an Error
 * carrying `code` ("permission_denied", "quota_exceeded", "host_not_allowed", ...).
 */
export interface Host {
  storage: {
    /** The value stored under `key` for this home, or null. */
    get(args: { key: string }): Promise<JsonValue>;
    /** Store a JSON value; refused beyond the app's storage quota. */
    set(args: { key: string; value: JsonValue }): Promise<null>;
    delete(args: { key: string }): Promise<null>;
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
    list(args?: { category?: string }): Promise<HostDevice[]>;
    /** Set one capability of a device (by id) or of every device of a category. */
    control(args: {
      deviceId?: string;
      category?: string;
      capability: string;
      value: JsonValue;
    }): Promise<{ controlled: string[] }>;
  };
  timers: {
    start(args: { seconds: number; label?: string }): Promise<{ timerId: string }>;
    cancel(args: { timerId: string }): Promise<null>;
  };
  notifications: {
    send(args: { title: string; text: string }): Promise<null>;
  };
  payments: {
    /**
     * Ask the platform to charge the household (minor units). The platform confirms with the user
     * (PIN or challenge); the app learns the outcome in a `payment` event.
     */
    request(args: {
      amount: number;
      currency: string;
      description: string;
      items?: Array<{ id: string; title: string; quantity: number; price: number }>;
    }): Promise<{ orderId: string; status: 'pending' }>;
  };
  location: {
    /** The home's coarse location (city level). */
    get(): Promise<{ city: string | null; country: string | null; latitude: number; longitude: number }>;
  };
}
