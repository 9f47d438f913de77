import { ApiClient, ApiError } from '../../lib/api.js';

/** Any thrown value as an ApiError, so every screen shows an error the same way. */
export function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(0, 'client', error instanceof Error ? error.message : String(error));
}

/** The console's API client: a 401 anywhere ends the session; images (QR codes) come as object URLs. */
export class ConsoleApi extends ApiClient {
  constructor(
    readonly bearer: string,
    private readonly onUnauthorized: (message: string) => void,
  ) {
    super(bearer);
  }

  override async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    try {
      return await super.request<T>(method, path, body);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) this.onUnauthorized(error.message);
      throw error;
    }
  }

  /**
   * A request with a body that is not JSON (a CSV upload, a mini-app package) or with extra headers (Idempotency-Key);
   * failures come back as ApiErrors like every other request.
   */
  async send<T>(
    method: string,
    path: string,
    options: { body?: string | Blob; contentType?: string; headers?: Record<string, string> } = {},
  ): Promise<T> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.bearer}`, ...options.headers };
    if (options.contentType) headers['content-type'] = options.contentType;
    let response: Response;
    try {
      response = await fetch(path, { method, headers, body: options.body ?? null });
    } catch {
      throw new ApiError(0, 'network', 'The hub cannot be reached. Check that it is running and try again.');
    }
    if (!response.ok) throw await this.problem(response);
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** The hub's problem document as an ApiError; a 401 ends the session. */
  private async problem(response: Response): Promise<ApiError> {
    let problem: { code?: string; detail?: string; title?: string; field?: string } = {};
    try {
      problem = (await response.json()) as typeof problem;
    } catch {
      // Not a problem document: fall back to the status below.
    }
    const error = new ApiError(
      response.status,
      problem.code ?? 'http_error',
      problem.detail ?? problem.title ?? `The hub answered ${response.status}.`,
      problem.field,
    );
    if (response.status === 401) this.onUnauthorized(error.message);
    return error;
  }

  /** GET an image with the bearer header (an <img src> cannot send it); the caller revokes the URL. */
  async image(path: string): Promise<{ url: string; headers: Headers }> {
    let response: Response;
    try {
      response = await fetch(path, { headers: { authorization: `Bearer ${this.bearer}` } });
    } catch {
      throw new ApiError(0, 'network', 'The hub cannot be reached. Check that it is running and try again.');
    }
    if (!response.ok) throw await this.problem(response);
    return { url: URL.createObjectURL(await response.blob()), headers: response.headers };
  }
}
