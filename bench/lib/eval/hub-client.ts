/** JSON over HTTP to a hub with a bearer token; a non-2xx answer throws with the problem's detail. */

export class HubRequestError extends Error {
  constructor(
    readonly status: number,
    readonly method: string,
    readonly path: string,
    detail: string,
  ) {
    super(`${method} ${path} -> ${status}: ${detail}`);
    this.name = 'HubRequestError';
  }
}

const REQUEST_TIMEOUT_MS = 15_000;

export class HubClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
  ) {}

  async call<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await response.text();
    if (!response.ok) {
      let detail = text.slice(0, 300);
      try {
        const problem = JSON.parse(text) as { detail?: string; code?: string };
        detail = `${problem.code ?? ''} ${problem.detail ?? ''}`.trim() || detail;
      } catch {}
      throw new HubRequestError(response.status, method, path, detail);
    }
    return (text === '' ? undefined : JSON.parse(text)) as T;
  }
}
