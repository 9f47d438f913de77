import type { DeviceReply } from './gateway.js';
import type { Device } from './registry.js';

/**
 * The port through which commands reach a device, whatever protocol carries them: properties and
 * services of the thing model, never topics or wire methods. The Alink gateway is the link of every
 * device no other link claims; the Home Assistant link carries the entities it imported.
 */
export interface DeviceLink {
  /** Whether this link carries the device's commands. */
  owns(device: Device): boolean;
  /** Whether the device can be reached right now through this link. */
  isConnected(deviceId: string): boolean;
  /** Ask the device to take these (validated) property values; resolves with its answer. */
  setProperties(deviceId: string, values: Record<string, unknown>, timeoutMs: number): Promise<DeviceReply>;
  /** Call one of the device's services with validated input; resolves with its answer. */
  invokeService(
    deviceId: string,
    service: string,
    params: Record<string, unknown>,
    timeoutMs: number,
  ): Promise<DeviceReply>;
}
