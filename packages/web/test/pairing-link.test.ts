import { describe, expect, it } from 'vitest';
import type { HubInfo } from '../src/console/lib/hub-info.js';
import { isLoopbackHost, pairingLink } from '../src/console/lib/pairing-link.js';

function info(host: string, publicUrl: string | null = null): HubInfo {
  return { version: '0', mqtt: { host, port: 1883, wsPort: null, url: `mqtt://${host}:1883` }, publicUrl };
}

/** The screen-pairing link the console shows: never localhost when the hub knows a better address. */
describe('pairingLink', () => {
  it('keeps a link that already names the network address', () => {
    expect(pairingLink('http://192.168.1.20:8700/?pair=ABC234', info('127.0.0.1'))).toEqual({
      url: 'http://192.168.1.20:8700/?pair=ABC234',
      source: 'hub',
      localOnly: false,
    });
  });

  it('uses the public URL (with its path) for a localhost link', () => {
    expect(
      pairingLink(
        'http://localhost:8700/?pair=ABC234',
        info('192.168.1.20', 'https://home.example.org/genio'),
      ),
    ).toEqual({ url: 'https://home.example.org/genio/?pair=ABC234', source: 'publicUrl', localOnly: false });
  });

  it('uses the LAN address the hub reports, keeping the HTTP port', () => {
    expect(pairingLink('http://127.0.0.1:8700/?pair=ABC234', info('192.168.1.20'))).toEqual({
      url: 'http://192.168.1.20:8700/?pair=ABC234',
      source: 'lan',
      localOnly: false,
    });
    expect(pairingLink('http://[::1]:8700/?pair=ABC234', info('fd00::5')).url).toBe(
      'http://[fd00::5]:8700/?pair=ABC234',
    );
  });

  it('says the link is local when the hub knows nothing better', () => {
    for (const host of ['127.0.0.1', '0.0.0.0', 'localhost'])
      expect(pairingLink('http://localhost:8700/?pair=ABC234', info(host)).localOnly).toBe(true);
    expect(pairingLink('http://localhost:8700/?pair=ABC234', null).localOnly).toBe(true);
  });

  it('knows the loopback names', () => {
    for (const host of ['localhost', 'app.localhost', '127.0.0.1', '127.8.9.1', '::1', '[::1]'])
      expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ['192.168.1.2', 'genio.local', 'fd00::5'])
      expect(isLoopbackHost(host), host).toBe(false);
  });
});
