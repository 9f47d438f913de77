/**
 * `network.fetch` for mini-apps: only to the hosts of the app's allowlist (host and port as written),
 * http or https, through the hub with a timeout and a cap on the answer. Redirects are not followed:
 * a redirect to a host off the list would be a way around it.
 */
import { GenioError } from '../errors/index.js';
import type { JsonValue } from './sandbox/types.js';

/** What one fetch asks. */
export interface AllowedFetch {
  url: string;
  method: string;
  body: string | undefined;
  headers: Record<string, string>;
  allowlist: readonly string[];
  timeoutMs: number;
  maxBytes: number;
}

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD']);
/** Headers an app may not set: they would speak for the hub or change how the connection is made. */
const FORBIDDEN_HEADERS = new Set([
  'host',
  'connection',
  'content-length',
  'transfer-encoding',
  'cookie',
  'authorization-hub',
]);

/** Whether a URL's host (with its port when the entry has one) is on the list. */
export function onAllowlist(url: URL, allowlist: readonly string[]): boolean {
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return allowlist.some((entry) => {
    const [name, entryPort] = entry.toLowerCase().split(':');
    return name === host && (entryPort === undefined || entryPort === port);
  });
}

/** Fetch for an app; the answer is `{ status, headers, body }` with the body as text. */
export async function fetchAllowed(request: AllowedFetch): Promise<JsonValue> {
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    throw new GenioError('validation_failed', { field: 'url', reason: 'is not a URL' });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new GenioError('validation_failed', { field: 'url', reason: 'must be http or https' });
  if (url.username || url.password)
    throw new GenioError('validation_failed', { field: 'url', reason: 'may not carry credentials' });
  if (!onAllowlist(url, request.allowlist))
    throw new GenioError('forbidden', {
      action: 'network.fetch',
      reason: `${url.host} is not on the app's network allowlist`,
    });
  if (!METHODS.has(request.method))
    throw new GenioError('validation_failed', {
      field: 'method',
      reason: `must be one of ${[...METHODS].join(', ')}`,
    });
  const headers = Object.fromEntries(
    Object.entries(request.headers).filter(([name]) => !FORBIDDEN_HEADERS.has(name.toLowerCase())),
  );
  let response: Response;
  try {
    response = await fetch(url, {
      method: request.method,
      headers,
      redirect: 'manual',
      signal: AbortSignal.timeout(request.timeoutMs),
      ...(request.body !== undefined && request.method !== 'GET' && request.method !== 'HEAD'
        ? { body: request.body }
        : {}),
    });
  } catch (error) {
    const timedOut = (error as { name?: string }).name === 'TimeoutError';
    throw new GenioError('unavailable', {
      reason: timedOut
        ? `${url.host} did not answer within ${request.timeoutMs} ms`
        : `${url.host} could not be reached`,
    });
  }
  const chunks: Buffer[] = [];
  let size = 0;
  if (response.body) {
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > request.maxBytes) {
        await reader.cancel().catch(() => {});
        throw new GenioError('payload_too_large', { limit: request.maxBytes, field: 'network.fetch' });
      }
      chunks.push(Buffer.from(value));
    }
  }
  const keep = ['content-type', 'content-length', 'etag', 'last-modified', 'location', 'cache-control'];
  return {
    status: response.status,
    headers: Object.fromEntries(
      keep.flatMap((h) => (response.headers.has(h) ? [[h, response.headers.get(h) as string]] : [])),
    ),
    body: Buffer.concat(chunks).toString('utf8'),
  };
}
