import type { HubInfo } from './hub-info.js';

/** The link a phone or screen opens to pair, and whether it can only work on this machine. */
export interface PairingLink {
  url: string;
  /** Where the host came from: the hub's answer, its public URL, or its LAN address. */
  source: 'hub' | 'publicUrl' | 'lan';
  /** True when the link names this machine (localhost): another device cannot open it. */
  localOnly: boolean;
}

const LOOPBACK_V4 = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;
const WILDCARD = new Set(['0.0.0.0', '::', '[::]', '']);

/** Whether a host name only reaches the machine it is typed on. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return bare === 'localhost' || bare.endsWith('.localhost') || bare === '::1' || LOOPBACK_V4.test(bare);
}

/**
 * The pairing link to show. The hub builds its link from the address the console used; when that is
 * localhost, the hub's public URL is used instead, else the LAN address the hub reports for its broker
 * (same machine, the HTTP port of the hub's link). Without either, the link stays local and says so.
 */
export function pairingLink(hubLink: string, info: HubInfo | null | undefined): PairingLink {
  const link = new URL(hubLink);
  if (!isLoopbackHost(link.hostname)) return { url: link.toString(), source: 'hub', localOnly: false };
  const tail = `${link.pathname.replace(/^\//, '')}${link.search}${link.hash}`;
  if (info?.publicUrl) {
    const base = info.publicUrl.endsWith('/') ? info.publicUrl : `${info.publicUrl}/`;
    return { url: new URL(tail, base).toString(), source: 'publicUrl', localOnly: false };
  }
  const lan = info?.mqtt.host ?? '';
  if (!WILDCARD.has(lan) && !isLoopbackHost(lan)) {
    link.hostname = lan.includes(':') ? `[${lan}]` : lan;
    return { url: link.toString(), source: 'lan', localOnly: false };
  }
  return { url: link.toString(), source: 'hub', localOnly: true };
}
