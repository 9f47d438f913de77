import { ApiClient, ApiError } from '../../lib/api.js';

const STORAGE_KEY = 'genio.console.token';

/** Who a token is: its role, and its home for a household token. */
export interface Identity {
  role: string;
  homeId: string | null;
}

export function storedToken(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function storeToken(token: string | null): void {
  try {
    if (token === null) localStorage.removeItem(STORAGE_KEY);
    else localStorage.setItem(STORAGE_KEY, token);
  } catch {
    // Storage disabled (private mode): the session lasts until the page closes.
  }
}

/** Check a token with the hub; throws an ApiError in words when the hub refuses it. */
export async function identify(token: string): Promise<Identity> {
  const api = new ApiClient(token);
  try {
    const me = await api.get<{ role: string; homeId: string | null }>('/api/v1/me');
    return { role: me.role, homeId: me.homeId };
  } catch (error) {
    if (error instanceof ApiError && error.status === 401)
      throw new ApiError(
        401,
        error.code,
        `The hub did not accept this token (${error.message}). Paste the whole token, for example the operator token that "genio start" printed.`,
      );
    throw error;
  }
}
