import { ApiError } from '../../lib/api.js';
import type { ScreenApi } from '../hub.js';

/** Why a command did not happen, in a form the tile translates. */
export type CommandFailure =
  | { key: 'deviceTimeout' | 'deviceOffline' }
  | { key: 'deviceRefused'; reason: string }
  | { message: string };

interface CommandResult {
  status: 'replied' | 'queued';
  reply?: { code: number; message?: string };
}

function failureOf(error: unknown): CommandFailure {
  if (error instanceof ApiError) {
    if (error.status === 504 || error.code === 'device_timeout') return { key: 'deviceTimeout' };
    if (error.code === 'device_offline') return { key: 'deviceOffline' };
    return { message: error.message };
  }
  return { message: error instanceof Error ? error.message : String(error) };
}

/**
 * Set capabilities in capability terms (`{ power: true }`, `{ brightness: 40 }`, `{ start: {} }`);
 * the hub maps them onto the product's thing model. Null when the device accepted them.
 */
export async function setCapabilities(
  api: ScreenApi,
  deviceId: string,
  values: Record<string, unknown>,
): Promise<CommandFailure | null> {
  try {
    const result = await api.post<CommandResult>(
      `/api/v1/devices/${encodeURIComponent(deviceId)}/capabilities`,
      values,
    );
    if (result.status === 'replied' && result.reply && result.reply.code !== 200)
      return { key: 'deviceRefused', reason: result.reply.message ?? String(result.reply.code) };
    return null;
  } catch (error) {
    return failureOf(error);
  }
}
