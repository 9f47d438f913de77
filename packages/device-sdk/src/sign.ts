import { createHmac } from 'node:crypto';

/** HMAC methods the hub accepts. */
export type SignMethod = 'hmacsha256' | 'hmacsha1' | 'hmacmd5';

const algorithms: Record<SignMethod, string> = { hmacsha256: 'sha256', hmacsha1: 'sha1', hmacmd5: 'md5' };

/** MQTT CONNECT credentials for a device. */
export interface SignedCredentials {
  clientId: string;
  username: string;
  password: string;
}

/** What signing needs. */
export interface SignInput {
  productKey: string;
  deviceName: string;
  deviceSecret: string;
  /** Any id of the device's choosing; defaults to `{productKey}.{deviceName}`. */
  clientId?: string;
  signMethod?: SignMethod;
  /** Milliseconds; defaults to now. */
  timestamp?: number | string;
}

/** Sign a connect the way the Alink protocol defines it. */
export function signCredentials(input: SignInput): SignedCredentials {
  const cid = input.clientId ?? `${input.productKey}.${input.deviceName}`;
  const method = input.signMethod ?? 'hmacsha256';
  const timestamp = String(input.timestamp ?? Date.now());
  const content = `clientId${cid}deviceName${input.deviceName}productKey${input.productKey}timestamp${timestamp}`;
  return {
    clientId: `${cid}|securemode=3,signmethod=${method},timestamp=${timestamp}|`,
    username: `${input.deviceName}&${input.productKey}`,
    password: createHmac(algorithms[method], input.deviceSecret).update(content).digest('hex'),
  };
}
