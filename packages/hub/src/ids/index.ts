import { randomBytes } from 'node:crypto';

/** A short, URL-safe random id with a readable prefix, for example `home_Vx3k9QpL2mZa`. */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(9).toString('base64url')}`;
}
export { loadHubId } from './hub-id.js';
