/**
 * Message signing shared by both directions of the protocol: HMAC-SHA256 over
 * `<unix seconds>.<nonce>.<target>.<body>` (target is `METHOD path` for requests, empty for
 * webhooks), sent as `Genio-Signature: t=<seconds>,n=<nonce>,v1=<hex>`.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** The header that carries a signature. */
export const SIGNATURE_HEADER = 'genio-signature';
/** How far a signature's timestamp may be from the verifier's clock. */
export const TOLERANCE_SECONDS = 300;

function mac(secret: string, t: number, nonce: string, target: string, body: string): string {
  return createHmac('sha256', secret).update(`${t}.${nonce}.${target}.${body}`).digest('hex');
}

/** The header value for a message signed now. */
export function sign(secret: string, body: string, target = '', nowMs = Date.now()): string {
  const t = Math.floor(nowMs / 1000);
  const nonce = randomBytes(12).toString('hex');
  return `t=${t},n=${nonce},v1=${mac(secret, t, nonce, target, body)}`;
}

/** Why a signature was refused, or null when it is good. Replays are checked by the caller with the nonce. */
export function checkSignature(
  secret: string,
  header: string | undefined,
  body: string,
  target = '',
  nowMs = Date.now(),
): { ok: true; nonce: string; t: number } | { ok: false; reason: string } {
  if (!header) return { ok: false, reason: 'missing signature' };
  const parts = new Map(
    header.split(',').map((part) => {
      const at = part.indexOf('=');
      return [part.slice(0, at).trim(), part.slice(at + 1).trim()] as const;
    }),
  );
  const t = Number(parts.get('t'));
  const nonce = parts.get('n') ?? '';
  const given = parts.get('v1') ?? '';
  if (!Number.isSafeInteger(t) || !/^[0-9a-f]{8,64}$/.test(nonce) || !/^[0-9a-f]{64}$/.test(given))
    return { ok: false, reason: 'malformed signature' };
  if (Math.abs(nowMs / 1000 - t) > TOLERANCE_SECONDS) return { ok: false, reason: 'stale timestamp' };
  const wanted = Buffer.from(mac(secret, t, nonce, target, body), 'hex');
  if (!timingSafeEqual(wanted, Buffer.from(given, 'hex'))) return { ok: false, reason: 'bad signature' };
  return { ok: true, nonce, t };
}
