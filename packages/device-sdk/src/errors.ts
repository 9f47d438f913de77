/** Codes for failures the SDK detects itself, as opposed to Alink codes from the hub. */
export type LocalErrorCode = 'timeout' | 'not_authorized' | 'unreachable' | 'closed' | 'dropped';

/** An error from the hub (its Alink code, such as 5093, and message) or from the SDK itself. */
export class DeviceError extends Error {
  readonly code: number | LocalErrorCode;

  constructor(code: number | LocalErrorCode, message: string) {
    super(message);
    this.name = 'DeviceError';
    this.code = code;
  }
}
