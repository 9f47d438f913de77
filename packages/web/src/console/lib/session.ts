import { ApiClient, ApiError } from '../../lib/api.js';

const STORAGE_KEY = 'genio.console.token';

/** Who a token is: its role, its home (household) or merchant (merchant), and the policy actions it may use. */
export interface Identity {
  role: string;
  homeId: string | null;
  merchantId: string | null;
  /** Access-policy actions (for example "home.create") the token may do to at least some resource. */
  can: readonly string[];
}

/** Whether the token may use this access-policy action at all (the hub still decides per resource). */
export function may(identity: Identity, action: string): boolean {
  return identity.can.includes(action);
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
    const me = await api.get<Partial<Identity> & { role: string }>('/api/v1/me');
    return {
      role: me.role,
      homeId: me.homeId ?? null,
      merchantId: me.merchantId ?? null,
      can: Array.isArray(me.can) ? me.can : [],
    };
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
