/** An error from the hub (its Alink code and message) or from the SDK itself. */
export class DeviceError extends Error {
  /** The Alink code (such as 5093), or a word for SDK-side failures: timeout, not_authorized, closed, dropped. */
  readonly code: number | 'timeout' | 'not_authorized' | 'closed' | 'dropped' | 'unreachable';

  constructor(code: DeviceError['code'], message: string) {
    super(message);
    this.name = 'DeviceError';
    this.code = code;
  }
}
