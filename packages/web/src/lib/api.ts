/** A problem the hub answered (RFC 9457), or a network failure, as one error a screen can show in words. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface Problem {
  code?: string;
  detail?: string;
  title?: string;
  field?: string;
}

/** Talks to the hub's REST API with one bearer token; every failure becomes an ApiError with a readable message. */
export class ApiClient {
  constructor(
    private token: string | null,
    private readonly base = '',
  ) {}

  get hasToken(): boolean {
    return this.token !== null;
  }

  setToken(token: string | null): void {
    this.token = token;
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }
  post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('POST', path, body);
  }
  patch<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PATCH', path, body);
  }
  delete(path: string): Promise<void> {
    return this.request<void>('DELETE', path);
  }

  /** The websocket URL of the live event stream, with the token as a query parameter (browsers cannot set headers there). */
  eventsUrl(filters: { events?: string; homeId?: string } = {}): string {
    const url = new URL(`${this.base}/api/v1/events`, window.location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    if (this.token) url.searchParams.set('access_token', this.token);
    if (filters.events) url.searchParams.set('events', filters.events);
    if (filters.homeId) url.searchParams.set('homeId', filters.homeId);
    return url.toString();
  }

  /** POST a JSON body and read the answer as a stream (audio as it is made); a problem answer throws. */
  async stream(path: string, body: unknown, signal?: AbortSignal): Promise<ReadableStream<Uint8Array>> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    let response: Response;
    try {
      response = await fetch(`${this.base}${path}`, {
        method: 'POST',
        headers,
        body: JSON.stringify(body),
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new ApiError(0, 'network', 'The hub cannot be reached. Check that it is running and try again.');
    }
    if (!response.ok || !response.body) {
      const problem = (safeJson(await response.text()) ?? {}) as Problem;
      throw new ApiError(
        response.status,
        problem.code ?? 'http_error',
        problem.detail ?? problem.title ?? `The hub answered ${response.status}.`,
      );
    }
    return response.body;
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {};
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(`${this.base}${path}`, {
        method,
        headers,
        body: body === undefined ? null : JSON.stringify(body),
      });
    } catch {
      throw new ApiError(0, 'network', 'The hub cannot be reached. Check that it is running and try again.');
    }
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    const parsed: unknown = text ? safeJson(text) : undefined;
    if (!response.ok) {
      const problem = (parsed ?? {}) as Problem;
      throw new ApiError(
        response.status,
        problem.code ?? 'http_error',
        problem.detail ?? problem.title ?? `The hub answered ${response.status}.`,
        problem.field,
      );
    }
    return parsed as T;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
