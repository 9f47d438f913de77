/** What a topic published by a device means to the hub. */
export type DeviceTopicKind =
  | 'property_post'
  | 'property_set_reply'
  | 'event_post'
  | 'service_reply'
  | 'desired_get'
  | 'unhandled';

/** A parsed device topic. */
export interface DeviceTopic {
  productKey: string;
  deviceName: string;
  kind: DeviceTopicKind;
  eventId?: string;
  serviceId?: string;
}

// Positions of productKey and deviceName in each topic family of a device's space, and whether more levels may follow.
const families: ReadonlyArray<{ head: readonly (string | null)[]; tail: 'none' | 'any' }> = [
  { head: ['', 'sys'], tail: 'any' },
  { head: ['', 'shadow', 'update'], tail: 'none' },
  { head: ['', 'shadow', 'get'], tail: 'none' },
  { head: ['', 'ota', 'device', null], tail: 'none' },
  { head: ['', 'ext', 'session'], tail: 'any' },
];

/** Subscription filters that together cover a device's whole topic space. */
export function deviceSpaceFilters(productKey: string, deviceName: string): string[] {
  return families.map(({ head, tail }) => {
    const levels = [...head.map((level) => level ?? '+'), productKey, deviceName];
    return (tail === 'any' ? [...levels, '#'] : levels).join('/');
  });
}

/**
 * Whether a topic or subscription filter stays inside a device's own space. Wildcards are
 * allowed only where they cannot reach another device.
 */
export function isInDeviceSpace(topicOrFilter: string, productKey: string, deviceName: string): boolean {
  const levels = topicOrFilter.split('/');
  for (const family of families) {
    const { head } = family;
    if (levels.length < head.length + 2) continue;
    const headMatches = head.every((expected, i) => {
      const level = levels[i] as string;
      return expected === null ? level !== '#' && level !== '' : level === expected;
    });
    if (!headMatches) continue;
    if (levels[head.length] !== productKey || levels[head.length + 1] !== deviceName) continue;
    const rest = levels.length - head.length - 2;
    if (family.tail === 'none') return rest === 0;
    return true;
  }
  return false;
}

/** Parse a topic a device published to; null when it is not a device topic at all. */
export function parseDeviceTopic(topic: string): DeviceTopic | null {
  const levels = topic.split('/');
  if (levels[0] !== '' || levels.length < 4) return null;
  let productKey: string;
  let deviceName: string;
  if (levels[1] === 'sys' || levels[1] === 'ext') {
    const offset = levels[1] === 'sys' ? 2 : 3;
    productKey = levels[offset] ?? '';
    deviceName = levels[offset + 1] ?? '';
  } else if (levels[1] === 'shadow') {
    productKey = levels[3] ?? '';
    deviceName = levels[4] ?? '';
  } else if (levels[1] === 'ota') {
    productKey = levels[4] ?? '';
    deviceName = levels[5] ?? '';
  } else {
    return null;
  }
  if (!productKey || !deviceName) return null;
  const base = { productKey, deviceName };
  if (levels[1] !== 'sys' || levels[4] !== 'thing') return { ...base, kind: 'unhandled' };
  const path = levels.slice(5).join('/');
  if (path === 'event/property/post') return { ...base, kind: 'property_post' };
  if (path === 'service/property/set_reply') return { ...base, kind: 'property_set_reply' };
  if (path === 'property/desired/get') return { ...base, kind: 'desired_get' };
  const event = /^event\/([A-Za-z_][A-Za-z0-9_]*)\/post$/.exec(path);
  if (event) return { ...base, kind: 'event_post', eventId: event[1] as string };
  const service = /^service\/([A-Za-z_][A-Za-z0-9_]*)_reply$/.exec(path);
  if (service && service[1] !== 'property')
    return { ...base, kind: 'service_reply', serviceId: service[1] as string };
  return { ...base, kind: 'unhandled' };
}
