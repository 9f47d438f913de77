/**
 * HMAC-SHA256 signatures for messages between Genio and payment networks or merchants:
 * `Genio-Signature: t=<unix seconds>,n=<nonce>,v1=<hex>` over `<t>.<nonce>.<target>.<body>`, where
 * target is `METHOD path` for a request and empty for a webhook. A verifier refuses a bad MAC, a
 * timestamp more than five minutes off, and a nonce it has already accepted (a replay).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { GenioError } from '../../errors/index.js';

/** The header that carries a signature (lower case, as node:http gives headers). */
export const SIGNATURE_HEADER = 'genio-signature';
/** How far a signature's timestamp may be from the verifier's clock. */
export const SIGNATURE_TOLERANCE_MS = 300_000;

function mac(secret: string, t: number, nonce: string, target: string, body: string): string {
  return createHmac('sha256', secret).update(`${t}.${nonce}.${target}.${body}`).digest('hex');
}

/** The signature header value for a message sent at `nowMs`. */
export function signMessage(secret: string, body: string, target = '', nowMs = Date.now()): string {
  const t = Math.floor(nowMs / 1000);
  const nonce = randomBytes(12).toString('hex');
  return `t=${t},n=${nonce},v1=${mac(secret, t, nonce, target, body)}`;
}

/** Checks signatures and remembers accepted nonces until they could no longer pass the time check. */
export interface SignatureVerifier {
  /** Throws `signature_invalid` unless the header signs this body (and target) freshly and for the first time. */
  verify(header: string | undefined, body: string, target?: string): void;
}

/** Build a verifier for one secret. */
export function createSignatureVerifier(secret: string, clock: () => number = Date.now): SignatureVerifier {
  const seen = new Map<string, number>();
  const refuse = (reason: string) => new GenioError('signature_invalid', { reason });
  return {
    verify(header, body, target = '') {
      if (!header) throw refuse('missing signature');
      const fields = new Map<string, string>();
      for (const part of header.split(',')) {
        const at = part.indexOf('=');
        if (at > 0) fields.set(part.slice(0, at).trim(), part.slice(at + 1).trim());
      }
      const t = Number(fields.get('t'));
      const nonce = fields.get('n') ?? '';
      const given = fields.get('v1') ?? '';
      if (!Number.isSafeInteger(t) || !/^[0-9a-f]{8,64}$/.test(nonce) || !/^[0-9a-f]{64}$/.test(given))
        throw refuse('malformed signature');
      const now = clock();
      if (Math.abs(now - t * 1000) > SIGNATURE_TOLERANCE_MS) throw refuse('stale timestamp');
      const wanted = Buffer.from(mac(secret, t, nonce, target, body), 'hex');
      if (!timingSafeEqual(wanted, Buffer.from(given, 'hex'))) throw refuse('bad signature');
      // Oldest first (insertion order): stop at the first nonce still inside its window.
      for (const [old, until] of seen) {
        if (until >= now) break;
        seen.delete(old);
      }
      if (seen.has(nonce)) throw refuse('replayed signature');
      // Long enough that the same header fails the time check before it is forgotten.
      seen.set(nonce, t * 1000 + 2 * SIGNATURE_TOLERANCE_MS);
    },
  };
}
