import { createHmac } from 'node:crypto';

/** HMAC methods the Alink protocol (and so the hub) accepts. */
export type SignMethod = 'hmacsha256' | 'hmacsha1' | 'hmacmd5';

const algorithms: Record<SignMethod, string> = { hmacsha256: 'sha256', hmacsha1: 'sha1', hmacmd5: 'md5' };

/** MQTT CONNECT credentials for a device. */
export interface SignedCredentials {
  clientId: string;
  username: string;
  password: string;
}

export interface SignInput {
  productKey: string;
  deviceName: string;
  deviceSecret: string;
  /** Any id of the device's choosing; defaults to `{productKey}.{deviceName}`. */
  clientId?: string;
  /** Defaults to hmacsha256. */
  signMethod?: SignMethod;
  /** Milliseconds; defaults to now. */
  timestamp?: number | string;
}

/** The signed content: parameters sorted by name, each as name + value (this order is already sorted). */
export function signContent(cid: string, deviceName: string, productKey: string, timestamp: string): string {
  return `clientId${cid}deviceName${deviceName}productKey${productKey}timestamp${timestamp}`;
}

/** Sign a connect the way the Alink protocol defines it; for firmware that brings its own MQTT client. */
export function signCredentials(input: SignInput): SignedCredentials {
  const cid = input.clientId ?? `${input.productKey}.${input.deviceName}`;
  const method = input.signMethod ?? 'hmacsha256';
  const timestamp = String(input.timestamp ?? Date.now());
  const content = signContent(cid, input.deviceName, input.productKey, timestamp);
  return {
    clientId: `${cid}|securemode=3,signmethod=${method},timestamp=${timestamp}|`,
    username: `${input.deviceName}&${input.productKey}`,
    password: createHmac(algorithms[method], input.deviceSecret).update(content).digest('hex'),
  };
}
