import { CommandError } from './io.js';

/** A running hub's HTTP API, called with one token. */
export interface HubApi {
  readonly url: string;
  call<T>(method: string, path: string, body?: unknown): Promise<T>;
}

/** What GET /api/v1/hub answers. */
export interface HubInfo {
  version: string;
  mqtt: { host: string; port: number; wsPort: number | null; url: string };
  publicUrl: string | null;
}

/** Call a hub at `url`; a refused request or an unreachable hub becomes a CommandError that says what to do. */
export function hubApi(url: string, token: string): HubApi {
  return {
    url,
    async call<T>(method: string, path: string, body?: unknown): Promise<T> {
      let response: Response;
      try {
        response = await fetch(new URL(path, url), {
          method,
          headers: {
            authorization: `Bearer ${token}`,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
      } catch {
        throw new CommandError(
          `cannot reach the hub at ${url}: is it running (npm start)? Another address: --url`,
        );
      }
      const text = await response.text();
      if (!response.ok) {
        let detail = text;
        try {
          detail = (JSON.parse(text) as { detail?: string }).detail ?? text;
        } catch {}
        const hint =
          response.status === 401 ? ' (the hub does not know this token: --token or GENIO_TOKEN)' : '';
        throw new CommandError(`${method} ${path}: ${response.status} ${detail}${hint}`);
      }
      return (text ? JSON.parse(text) : undefined) as T;
    },
  };
}
