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

// The hub has no "who am I" route; the events websocket's first message names the role.
function readyMessage(url: string, timeoutMs = 5000): Promise<Identity | null> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url);
    const done = (identity: Identity | null) => {
      clearTimeout(timer);
      socket.onmessage = null;
      socket.onclose = null;
      socket.close();
      resolve(identity);
    };
    const timer = setTimeout(() => done(null), timeoutMs);
    socket.onmessage = (message) => {
      try {
        const data = JSON.parse(String(message.data)) as { type?: string; role?: string; homeId?: string };
        if (data.type === 'ready' && typeof data.role === 'string')
          done({ role: data.role, homeId: data.homeId ?? null });
      } catch {
        done(null);
      }
    };
    socket.onclose = () => done(null);
  });
}

/** Check a token with the hub; throws an ApiError in words when the hub refuses it. */
export async function identify(token: string): Promise<Identity> {
  const api = new ApiClient(token);
  try {
    await api.get('/api/v1/homes');
  } catch (error) {
    // 403: a real token whose role may not list homes (merchant, developer); still a valid sign-in.
    if (!(error instanceof ApiError && error.status === 403)) {
      if (error instanceof ApiError && error.status === 401)
        throw new ApiError(
          401,
          error.code,
          `The hub did not accept this token (${error.message}). Paste the whole token, for example the operator token that "genio start" printed.`,
        );
      throw error;
    }
  }
  return (await readyMessage(api.eventsUrl())) ?? { role: 'unknown', homeId: null };
}
