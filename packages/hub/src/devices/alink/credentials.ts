import { createHmac, timingSafeEqual } from 'node:crypto';

/** The HMAC algorithms a device may sign with. */
export const signMethods = { hmacsha256: 'sha256', hmacsha1: 'sha1', hmacmd5: 'md5' } as const;
/** One of the sign methods. */
export type SignMethod = keyof typeof signMethods;

/** What a CONNECT packet says about the device, before the signature is checked. */
export interface ConnectCredentials {
  productKey: string;
  deviceName: string;
  /** The client-chosen id before the `|...|` block. */
  cid: string;
  signMethod: SignMethod;
  securemode?: string;
  timestamp?: string;
  password: string;
}

/** Parsed credentials, or why they cannot even be checked. */
export type ParsedCredentials = ({ ok: true } & ConnectCredentials) | { ok: false; reason: string };

const namePattern = /^[A-Za-z0-9_\-@.:]{1,64}$/;

/**
 * Read `clientId = {cid}|k=v,...|`, `username = {deviceName}&{productKey}` and the password.
 * Extra `k=v` pairs that SDKs add are ignored.
 */
export function parseConnectCredentials(
  clientId: string,
  username: string,
  password: string,
): ParsedCredentials {
  const amp = username.lastIndexOf('&');
  if (amp <= 0 || amp === username.length - 1)
    return { ok: false, reason: 'username must be {deviceName}&{productKey}' };
  const deviceName = username.slice(0, amp);
  const productKey = username.slice(amp + 1);
  if (!namePattern.test(deviceName) || !namePattern.test(productKey))
    return { ok: false, reason: 'device name or product key has characters outside [A-Za-z0-9_-@.:]' };
  if (!/^[0-9a-fA-F]{32,64}$/.test(password)) return { ok: false, reason: 'password must be a hex HMAC' };

  const bar = clientId.indexOf('|');
  const cid = bar === -1 ? clientId : clientId.slice(0, bar);
  if (!cid) return { ok: false, reason: 'clientId has no id before the | block' };
  const options: Record<string, string> = {};
  if (bar !== -1) {
    const end = clientId.indexOf('|', bar + 1);
    const block = clientId.slice(bar + 1, end === -1 ? undefined : end);
    for (const pair of block.split(',')) {
      const eq = pair.indexOf('=');
      if (eq > 0) options[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
    }
  }
  const signMethod = (options.signmethod ?? 'hmacmd5').toLowerCase();
  if (!(signMethod in signMethods))
    return {
      ok: false,
      reason: `signmethod ${signMethod} is not one of ${Object.keys(signMethods).join(', ')}`,
    };
  if (options.timestamp !== undefined && !/^\d{1,15}$/.test(options.timestamp))
    return { ok: false, reason: 'timestamp must be milliseconds' };
  return {
    ok: true,
    productKey,
    deviceName,
    cid,
    signMethod: signMethod as SignMethod,
    ...(options.securemode === undefined ? {} : { securemode: options.securemode }),
    ...(options.timestamp === undefined ? {} : { timestamp: options.timestamp }),
    password,
  };
}

/** The signed content: the parameters sorted by name, each as name + value. */
export function signContent(fields: {
  cid: string;
  deviceName: string;
  productKey: string;
  timestamp?: string | undefined;
}): string {
  const timestamp = fields.timestamp === undefined ? '' : `timestamp${fields.timestamp}`;
  return `clientId${fields.cid}deviceName${fields.deviceName}productKey${fields.productKey}${timestamp}`;
}

/** Hex HMAC of the content, as a device computes its password. */
export function sign(content: string, secret: string, method: SignMethod): string {
  return createHmac(signMethods[method], secret).update(content).digest('hex');
}

/**
 * Check the password against the device secret, case-insensitively and in constant time.
 * With `windowMs`, a timestamp further than that from `now` is refused.
 */
export function verifyPassword(
  creds: ConnectCredentials,
  secret: string,
  options: { windowMs?: number; now?: number } = {},
): boolean {
  if (options.windowMs && creds.timestamp !== undefined) {
    const skew = Math.abs((options.now ?? Date.now()) - Number(creds.timestamp));
    if (skew > options.windowMs) return false;
  }
  const expected = Buffer.from(sign(signContent(creds), secret, creds.signMethod), 'utf8');
  const given = Buffer.from(creds.password.toLowerCase(), 'utf8');
  return expected.length === given.length && timingSafeEqual(expected, given);
}
