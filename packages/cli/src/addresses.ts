import { networkInterfaces } from 'node:os';
import type { GenioConfig } from '@genio/hub';

/** Where people and devices reach a hub with this configuration. */
export interface HubAddresses {
  http: string;
  mqtt: string;
  mqttWs: string | null;
  /** Whether the addresses only work on this machine (no public URL, no LAN address). */
  localOnly: boolean;
}

/** The machine's first non-internal IPv4 address, or null when it has only loopback. */
export function firstLanAddress(): string | null {
  for (const addresses of Object.values(networkInterfaces())) {
    for (const address of addresses ?? [])
      if (address.family === 'IPv4' && !address.internal) return address.address;
  }
  return null;
}

const wildcard = new Set(['0.0.0.0', '::', '']);
const bracket = (host: string) => (host.includes(':') ? `[${host}]` : host);

/**
 * The addresses the hub gives out (the rules of GET /api/v1/hub): the public URL's host when set, else
 * the one address a server listens on, else the LAN address, else localhost.
 */
export function hubAddresses(config: GenioConfig, lan: string | null = firstLanAddress()): HubAddresses {
  const publicHost = config.publicUrl ? new URL(config.publicUrl).hostname.replace(/^\[(.*)\]$/, '$1') : null;
  const hostFor = (bind: string) => publicHost ?? (wildcard.has(bind) ? (lan ?? 'localhost') : bind);
  const mqttHost = bracket(hostFor(config.mqttHost));
  return {
    http: config.publicUrl ?? `http://${bracket(hostFor(config.httpHost))}:${config.httpPort}`,
    mqtt: `mqtt://${mqttHost}:${config.mqttPort}`,
    mqttWs: config.mqttWsPort === undefined ? null : `ws://${mqttHost}:${config.mqttWsPort}`,
    localOnly:
      !publicHost && [config.httpHost, config.mqttHost].every((h) => wildcard.has(h)) && lan === null,
  };
}
