import { describe, expect, it } from 'vitest';
import { backoffDelay, deviceTopics, idSequence, signCredentials } from '../src/index.js';

describe('signCredentials', () => {
  it('matches the documented Alink test vector', () => {
    const creds = signCredentials({
      productKey: 'pk',
      deviceName: 'device',
      deviceSecret: 'secret',
      clientId: '12345',
      signMethod: 'hmacsha1',
      timestamp: 789,
    });
    expect(creds.password.toUpperCase()).toBe('FAFD82A3D602B37FB0FA8B7892F24A477F851A14');
    expect(creds.clientId).toBe('12345|securemode=3,signmethod=hmacsha1,timestamp=789|');
    expect(creds.username).toBe('device&pk');
  });
});

describe('backoffDelay', () => {
  it('grows exponentially within [min, max] and jitters', () => {
    expect(backoffDelay(0, 500, 30_000, () => 1)).toBe(500);
    expect(backoffDelay(3, 500, 30_000, () => 1)).toBe(4000);
    expect(backoffDelay(20, 500, 30_000, () => 1)).toBe(30_000);
    expect(backoffDelay(20, 500, 30_000, () => 0)).toBe(500);
  });
});

describe('ids and topics', () => {
  it('uses digit-string ids that wrap before 2^32 - 1', () => {
    const next = idSequence(4_294_967_293);
    expect([next(), next(), next()]).toEqual(['4294967294', '0', '1']);
  });
  it('names the device topics', () => {
    const t = deviceTopics('pk', 'dn');
    expect(t.propertyPost).toBe('/sys/pk/dn/thing/event/property/post');
    expect(t.eventPost('fall')).toBe('/sys/pk/dn/thing/event/fall/post');
    expect(t.downlinks).toContain('/sys/pk/dn/thing/service/property/set');
  });
});
