import { GenioError } from '../../errors/index.js';

/** A request as the hub reads it from a device. */
export interface AlinkRequest {
  id: string;
  version: string;
  method: string;
  params: unknown;
  /** 0 when the sender wants no reply. */
  ack: 0 | 1;
}

/** A reply as it goes on the wire. */
export interface AlinkReply {
  id: string;
  code: number;
  data: unknown;
  message: string;
  version: string;
  method?: string;
}

const MAX_ID = 4_294_967_295;

// docs/protocol.md asks for digit strings, but Alibaba's own Node.js device SDK sends ids such as
// "12|exp-topic|/sys/pk/dn/thing/event/property/post_reply" and matches replies on them, so any
// short printable string is accepted and echoed unchanged.
const MAX_ID_LENGTH = 256;

function printable(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 32 || c === 127) return false;
  }
  return true;
}

function readId(raw: unknown): string {
  if (typeof raw === 'number' && Number.isInteger(raw) && raw >= 0 && raw <= MAX_ID) return String(raw);
  if (typeof raw === 'string' && raw.length > 0 && raw.length <= MAX_ID_LENGTH && printable(raw)) return raw;
  throw new GenioError('request_invalid', {
    reason: `id must be a string of 1 to ${MAX_ID_LENGTH} printable characters (digits recommended) or a number from 0 to 4294967295`,
  });
}

/** Parse a device's request; a missing method is taken as the expected one, a different one is refused. */
export function parseRequest(payload: Buffer | string, expectedMethod?: string): AlinkRequest {
  let body: unknown;
  try {
    body = JSON.parse(typeof payload === 'string' ? payload : payload.toString('utf8'));
  } catch {
    throw new GenioError('request_invalid', { reason: 'the payload is not JSON' });
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new GenioError('request_invalid', { reason: 'the payload must be a JSON object' });
  const message = body as Record<string, unknown>;
  const id = readId(message.id);
  const method = message.method === undefined ? expectedMethod : message.method;
  if (typeof method !== 'string') throw new GenioError('request_invalid', { reason: 'method is missing' });
  if (expectedMethod !== undefined && method !== expectedMethod) {
    throw new GenioError('request_invalid', {
      reason: `method must be ${expectedMethod} on this topic, not ${method}`,
    });
  }
  const sys = message.sys;
  const ack = typeof sys === 'object' && sys !== null && (sys as Record<string, unknown>).ack === 0 ? 0 : 1;
  return {
    id,
    version: typeof message.version === 'string' ? message.version : '1.0',
    method,
    params: message.params,
    ack,
  };
}

/** Build the reply to a request: success with data, or the error's Alink code and message. */
export function buildReply(
  request: { id: string; method?: string },
  result: { data?: unknown } | GenioError,
): AlinkReply {
  const base = {
    id: request.id,
    version: '1.0',
    ...(request.method && request.method !== 'unknown' ? { method: request.method } : {}),
  };
  if (result instanceof GenioError) {
    const alink = result.toAlink();
    return { ...base, code: alink.code, data: {}, message: alink.message };
  }
  return { ...base, code: 200, data: result.data ?? {}, message: 'success' };
}

/** Build a request from the hub to a device. */
export function buildRequest(method: string, params: unknown, id: string) {
  return { id, version: '1.0', sys: { ack: 1 }, params, method };
}
