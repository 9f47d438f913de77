/** A request, as either side sends it. */
export interface AlinkRequest {
  id: string;
  version: '1.0';
  /** ack 0: the sender wants no reply. */
  sys: { ack: 0 | 1 };
  params: unknown;
  method: string;
}

/** A reply, as either side sends it. */
export interface AlinkReply {
  id: string;
  code: number;
  data: unknown;
  message?: string;
  version: '1.0';
  method?: string;
}

/** Ids are strings holding a number below 4294967295, so ids wrap to 0 after 4294967294. */
export const MAX_ID = 4_294_967_295;

/** Request ids: strings of digits, incrementing, wrapping below MAX_ID. */
export function idSequence(start = Math.floor(Math.random() * 1_000_000)): () => string {
  let next = start - 1;
  return () => {
    next = (next + 1) % MAX_ID;
    return String(next);
  };
}

export function request(id: string, method: string, params: unknown): AlinkRequest {
  return { id, version: '1.0', sys: { ack: 1 }, params, method };
}

export function reply(id: string, method: string, code: number, data: unknown, message?: string): AlinkReply {
  return {
    id,
    code,
    data,
    message: message ?? (code === 200 ? 'success' : 'error'),
    version: '1.0',
    method,
  };
}

/** Event params as Alink wants them: the event's output values plus when it happened. */
export function eventParams(
  value: Record<string, unknown>,
  time = Date.now(),
): { value: unknown; time: number } {
  return { value, time };
}

/** Parse a payload into a JSON object, or null when it is not one. */
export function readJson(payload: Buffer | string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(typeof payload === 'string' ? payload : payload.toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** Read a reply; null when the payload is not one. Codes sent as strings ("200") are accepted. */
export function readReply(payload: Buffer | string): AlinkReply | null {
  const body = readJson(payload);
  if (!body || typeof body.id !== 'string') return null;
  const code = typeof body.code === 'number' ? body.code : Number(body.code);
  if (!Number.isInteger(code)) return null;
  return {
    id: body.id,
    code,
    data: body.data ?? {},
    ...(typeof body.message === 'string' ? { message: body.message } : {}),
    version: '1.0',
    ...(typeof body.method === 'string' ? { method: body.method } : {}),
  };
}

/** Read a request from the hub; null when the payload is not one. */
export function readRequest(payload: Buffer | string): AlinkRequest | null {
  const body = readJson(payload);
  if (!body || typeof body.id !== 'string') return null;
  const sys = body.sys as { ack?: unknown } | undefined;
  return {
    id: body.id,
    version: '1.0',
    sys: { ack: sys?.ack === 0 || sys?.ack === '0' ? 0 : 1 },
    params: body.params ?? {},
    method: typeof body.method === 'string' ? body.method : '',
  };
}
