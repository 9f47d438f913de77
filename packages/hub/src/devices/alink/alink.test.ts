import { describe, expect, it } from 'vitest';
import { GenioError } from '../../errors/index.js';
import {
  buildReply,
  isInDeviceSpace,
  parseConnectCredentials,
  parseDeviceTopic,
  parseRequest,
  signContent,
  verifyPassword,
} from './index.js';

describe('signed connect', () => {
  it('matches the documented test vector (hmacsha1)', () => {
    const parsed = parseConnectCredentials(
      '12345|securemode=3,signmethod=hmacsha1,timestamp=789|',
      'device&pk',
      'FAFD82A3D602B37FB0FA8B7892F24A477F851A14',
    );
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(signContent(parsed)).toBe('clientId12345deviceNamedeviceproductKeypktimestamp789');
    expect(verifyPassword(parsed, 'secret')).toBe(true);
    expect(verifyPassword({ ...parsed, password: parsed.password.toLowerCase() }, 'secret')).toBe(true);
    expect(verifyPassword(parsed, 'secreT')).toBe(false);
  });

  it('ignores unsigned extras, defaults to hmacmd5 and accepts cids with . & - _', () => {
    const parsed = parseConnectCredentials(
      'pk&dev-1.a_b|securemode=3,lan=JS,_v=1.2.8|',
      'dev-1&pk',
      'a'.repeat(32),
    );
    expect(parsed).toMatchObject({
      ok: true,
      cid: 'pk&dev-1.a_b',
      signMethod: 'hmacmd5',
      productKey: 'pk',
      deviceName: 'dev-1',
    });
    expect(parsed.ok ? parsed.timestamp : 'not parsed').toBeUndefined();
  });

  it('refuses a timestamp outside a configured window', () => {
    const parsed = parseConnectCredentials(
      '12345|securemode=3,signmethod=hmacsha1,timestamp=789|',
      'device&pk',
      'FAFD82A3D602B37FB0FA8B7892F24A477F851A14',
    );
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(verifyPassword(parsed, 'secret', { windowMs: 60_000, now: 10_000 })).toBe(true);
    expect(verifyPassword(parsed, 'secret', { windowMs: 60_000, now: 1_000_000 })).toBe(false);
  });

  it.each([
    ['c|signmethod=hmacsha1|', 'nodevice', 'a'.repeat(40)],
    ['c|signmethod=hmacsha1|', 'dev&', 'a'.repeat(40)],
    ['c|signmethod=rot13|', 'dev&pk', 'a'.repeat(40)],
    ['c|signmethod=hmacsha1,timestamp=soon|', 'dev&pk', 'a'.repeat(40)],
    ['c|signmethod=hmacsha1|', 'dev&pk', 'not-hex'],
    ['|signmethod=hmacsha1|', 'dev&pk', 'a'.repeat(40)],
    ['c|signmethod=hmacsha1|', 'de v&pk', 'a'.repeat(40)],
  ])('refuses clientId %s username %s', (clientId, username, password) => {
    expect(parseConnectCredentials(clientId, username, password).ok).toBe(false);
  });
});

describe('topics', () => {
  const own = (t: string) => isInDeviceSpace(t, 'pk', 'dn');
  it('allows the device space from docs/protocol.md, with wildcards that stay inside it', () => {
    for (const t of [
      '/sys/pk/dn/#',
      '/sys/pk/dn/thing/event/property/post',
      '/sys/pk/dn/thing/service/+',
      '/shadow/update/pk/dn',
      '/shadow/get/pk/dn',
      '/ota/device/upgrade/pk/dn',
      '/ota/device/+/pk/dn',
      '/ext/session/pk/dn/combine/login',
      '/ext/session/pk/dn/#',
    ]) {
      expect(own(t), t).toBe(true);
    }
  });

  it('refuses other devices, products and wildcards that reach outside', () => {
    for (const t of [
      '#',
      '/sys/#',
      '/sys/+/+/thing/#',
      '/sys/pk/+/thing/#',
      '/sys/pk/other/thing/event/property/post',
      '/sys/pk2/dn/#',
      '/shadow/update/pk/dn/extra',
      '/shadow/+/pk/dn',
      '/ota/device/#',
      '/ota/device/upgrade/pk/other',
      'sys/pk/dn/#',
      '$SYS/broker/clients',
      '/pk/dn/user/update',
    ]) {
      expect(own(t), t).toBe(false);
    }
  });

  it('parses what a device publishes', () => {
    const p = (suffix: string) => parseDeviceTopic(`/sys/pk/dn/thing/${suffix}`);
    expect(p('event/property/post')).toEqual({ productKey: 'pk', deviceName: 'dn', kind: 'property_post' });
    expect(p('service/property/set_reply')?.kind).toBe('property_set_reply');
    expect(p('event/fallDetected/post')).toMatchObject({ kind: 'event_post', eventId: 'fallDetected' });
    expect(p('service/blink_reply')).toMatchObject({ kind: 'service_reply', serviceId: 'blink' });
    expect(p('property/desired/get')?.kind).toBe('desired_get');
    expect(p('deviceinfo/update')?.kind).toBe('unhandled');
    expect(parseDeviceTopic('/shadow/update/pk/dn')).toMatchObject({
      kind: 'unhandled',
      productKey: 'pk',
      deviceName: 'dn',
    });
    expect(parseDeviceTopic('/elsewhere/x/y')).toBeNull();
  });
});

describe('messages', () => {
  it('parses requests, taking numeric ids and ack 0', () => {
    expect(parseRequest('{"id":7,"params":{"a":1},"sys":{"ack":0}}', 'thing.event.property.post')).toEqual({
      id: '7',
      version: '1.0',
      method: 'thing.event.property.post',
      params: { a: 1 },
      ack: 0,
    });
  });

  it('accepts the ids Alibaba device SDKs send and echoes them', () => {
    const id = '7|exp-topic|/sys/pk/dn/thing/event/property/post_reply';
    expect(parseRequest(JSON.stringify({ id, params: {} }), 'thing.event.property.post').id).toBe(id);
  });

  it.each([
    ['{"id":"1","params":', /not JSON/],
    ['[1,2]', /object/],
    ['{"params":{}}', /id must be/],
    ['{"id":""}', /id must be/],
    ['{"id":4294967296}', /id must be/],
    ['{"id":-1}', /id must be/],
    ['{"id":{"n":1}}', /id must be/],
    [`{"id":"${'x'.repeat(257)}"}`, /id must be/],
    ['{"id":"1","method":"thing.wrong"}', /method must be thing.event.property.post/],
  ])('refuses %s', (payload, reason) => {
    expect(() => parseRequest(payload, 'thing.event.property.post')).toThrow(reason);
  });

  it('builds replies with the Alink code of a Genio error', () => {
    expect(buildReply({ id: '5', method: 'thing.event.property.post' }, { data: {} })).toEqual({
      id: '5',
      code: 200,
      data: {},
      message: 'success',
      version: '1.0',
      method: 'thing.event.property.post',
    });
    const failed = buildReply(
      { id: '6', method: 'unknown' },
      new GenioError('property_unknown', { path: 'Colour' }),
    );
    expect(failed).toMatchObject({ id: '6', code: 5092 });
    expect(failed.message).toContain('Colour');
    expect(failed).not.toHaveProperty('method');
  });
});
