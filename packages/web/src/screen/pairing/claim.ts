import { ApiClient, ApiError } from '../../lib/api.js';
import type { Session } from '../session.js';

/** Why a pairing attempt failed, as a key the pairing screen translates. */
export type PairingFailure = 'pairWrongCode' | 'pairTooMany' | 'pairCodeShape' | { message: string };

/** "abc-234", " ABC 234 " -> "ABC234"; null when it cannot be a code. */
export function normalizeCode(raw: string): string | null {
  const code = raw.trim().toUpperCase().replace(/[\s-]/g, '');
  return /^[A-Z0-9]{6}$/.test(code) ? code : null;
}

/** Trade a pairing code for a household token (public route: no token is sent). */
export async function claimCode(
  raw: string,
): Promise<{ ok: true; session: Session } | { ok: false; failure: PairingFailure }> {
  const code = normalizeCode(raw);
  if (!code) return { ok: false, failure: 'pairCodeShape' };
  try {
    const result = await new ApiClient(null).post<{ token: string; tokenId: string; homeId: string }>(
      '/api/v1/screen-pairing/claim',
      { code },
    );
    return { ok: true, session: { token: result.token, tokenId: result.tokenId, homeId: result.homeId } };
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return { ok: false, failure: 'pairWrongCode' };
    if (error instanceof ApiError && error.status === 429) return { ok: false, failure: 'pairTooMany' };
    return { ok: false, failure: { message: error instanceof Error ? error.message : String(error) } };
  }
}

/** The `?pair=CODE` of the current URL (the console's QR code), removed from the address bar once read. */
export function takePairParam(): string | null {
  const url = new URL(window.location.href);
  const code = url.searchParams.get('pair');
  if (code === null) return null;
  url.searchParams.delete('pair');
  window.history.replaceState(null, '', `${url.pathname}${url.search}${url.hash}`);
  return code;
}
