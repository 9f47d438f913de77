/** A request as the device sends it. */
export interface AlinkRequest {
  id: string;
  version: '1.0';
  sys: { ack: 0 | 1 };
  params: unknown;
  method: string;
}

/** A reply as either side sends it. */
export interface AlinkReply {
  id: string;
  code: number;
  data?: unknown;
  message?: string;
  version?: string;
  method?: string;
}

/** Request ids: strings of digits that wrap before 2^32 - 1. */
export function idSequence(start = Math.floor(Math.random() * 1_000_000)): () => string {
  let next = start;
  return () => {
    next = (next + 1) % 4_294_967_295;
    return String(next);
  };
}

/** Build a request. */
export function request(id: string, method: string, params: unknown): AlinkRequest {
  return { id, version: '1.0', sys: { ack: 1 }, params, method };
}

/** Read a JSON object, or null when the payload is not one. */
export function readJson(payload: Buffer): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(payload.toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}
