/** The topics of one device, as the Alink protocol names them. */
export function deviceTopics(productKey: string, deviceName: string) {
  const thing = `/sys/${productKey}/${deviceName}/thing`;
  return {
    thing,
    propertyPost: `${thing}/event/property/post`,
    propertySet: `${thing}/service/property/set`,
    eventPost: (event: string) => `${thing}/event/${event}/post`,
    service: (service: string) => `${thing}/service/${service}`,
    desiredGet: `${thing}/property/desired/get`,
    /** Filters for everything the hub sends to the device. */
    downlinks: [
      `${thing}/event/+/post_reply`,
      `${thing}/service/+`,
      `${thing}/service/property/set`,
      `${thing}/property/desired/get_reply`,
    ],
  };
}

/** The topics of a device. */
export type DeviceTopics = ReturnType<typeof deviceTopics>;
