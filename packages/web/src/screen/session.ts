/** The screen's pairing, kept in localStorage: the household token and the home it belongs to. */
export interface Session {
  token: string;
  homeId: string;
  tokenId?: string;
}

const KEY = 'genio.screen.session';

/** The stored session, or null when this screen is not paired (or storage is unreadable). */
export function loadSession(storage: Storage = localStorage): Session | null {
  try {
    const raw = storage.getItem(KEY);
    if (!raw) return null;
    const parsed: unknown = JSON.parse(raw);
    if (!parsed || typeof parsed !== 'object') return null;
    const { token, homeId, tokenId } = parsed as Record<string, unknown>;
    if (typeof token !== 'string' || typeof homeId !== 'string') return null;
    return { token, homeId, ...(typeof tokenId === 'string' ? { tokenId } : {}) };
  } catch {
    return null;
  }
}

/** Remember a session after pairing. */
export function saveSession(session: Session, storage: Storage = localStorage): void {
  storage.setItem(KEY, JSON.stringify(session));
}

/** Forget the session (revoked or unpaired). */
export function clearSession(storage: Storage = localStorage): void {
  storage.removeItem(KEY);
}
