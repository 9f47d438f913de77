/** The Alink topics of one device, all inside its own space `/sys/{productKey}/{deviceName}/`. */
export interface DeviceTopics {
  /** `/sys/{pk}/{dn}/thing`, the prefix of every topic below. */
  thing: string;
  propertyPost: string;
  propertySet: string;
  desiredGet: string;
  eventPost(eventId: string): string;
  service(serviceId: string): string;
  /** Filters covering every reply and request the hub sends to the device. */
  downlinks: string[];
}

export function deviceTopics(productKey: string, deviceName: string): DeviceTopics {
  const thing = `/sys/${productKey}/${deviceName}/thing`;
  return {
    thing,
    propertyPost: `${thing}/event/property/post`,
    propertySet: `${thing}/service/property/set`,
    desiredGet: `${thing}/property/desired/get`,
    eventPost: (eventId) => `${thing}/event/${eventId}/post`,
    service: (serviceId) => `${thing}/service/${serviceId}`,
    // Narrower than thing/# so the broker does not echo every report back to the device.
    downlinks: [
      `${thing}/event/+/post_reply`,
      `${thing}/property/desired/get_reply`,
      `${thing}/service/property/set`,
      `${thing}/service/+`,
    ],
  };
}

/** The topic a reply to a message on `topic` goes to. */
export function replyTopic(topic: string): string {
  return `${topic}_reply`;
}

/** The service a downlink on `topic` calls, or null when the topic is not a service call of this device. */
export function serviceOf(topics: DeviceTopics, topic: string): string | null {
  const prefix = `${topics.thing}/service/`;
  if (!topic.startsWith(prefix) || topic.endsWith('_reply')) return null;
  const rest = topic.slice(prefix.length);
  if (rest === 'property/set') return 'property.set';
  return rest.length > 0 && !rest.includes('/') ? rest : null;
}
