/** Query parameters whose values are secrets and must never reach a log line. */
const SECRET_PARAMS = /([?&](?:access_token|token|code)=)[^&#]*/gi;

/** A URL fit for a log: secret query values replaced, the path left as sent. */
export function redactUrl(url: string): string {
  return url.replace(SECRET_PARAMS, '$1[redacted]');
}
