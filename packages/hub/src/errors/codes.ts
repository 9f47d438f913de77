/** The closed table of Genio error codes: one row says how a code renders over HTTP, over Alink and in speech. */
export const errorCodes = {
  validation_failed: { http: 400, alink: 460, title: 'Invalid request' },
  unauthorized: { http: 401, alink: 460, title: 'Authentication required' },
  forbidden: { http: 403, alink: 6813, title: 'Not allowed' },
  not_found: { http: 404, alink: 460, title: 'Not found' },
  conflict: { http: 409, alink: 460, title: 'Conflict' },
  payload_too_large: { http: 413, alink: 5095, title: 'Payload too large' },
  rate_limited: { http: 429, alink: 429, title: 'Too many requests' },
  internal: { http: 500, alink: 400, title: 'Internal error' },
  unavailable: { http: 503, alink: 400, title: 'Service unavailable' },
  config_invalid: { http: 500, alink: 400, title: 'Invalid configuration' },
  port_in_use: { http: 500, alink: 400, title: 'Port already in use' },
  database_unreachable: { http: 503, alink: 400, title: 'Database unreachable' },
  request_invalid: { http: 400, alink: 460, title: 'Invalid device request' },
  too_many_properties: { http: 400, alink: 6106, title: 'Too many properties' },
  topic_not_allowed: { http: 403, alink: 6813, title: 'Topic not allowed' },
  property_unknown: { http: 400, alink: 5092, title: 'Unknown property' },
  property_invalid: { http: 400, alink: 5093, title: 'Invalid property value' },
  service_unknown: { http: 400, alink: 5094, title: 'Unknown service or event' },
  device_offline: { http: 409, alink: 400, title: 'Device offline' },
  device_timeout: { http: 504, alink: 400, title: 'Device did not answer' },
  insufficient_funds: { http: 402, alink: 400, title: 'Not enough funds' },
  idempotency_key_reused: { http: 422, alink: 460, title: 'Idempotency key reused' },
  idempotency_in_flight: { http: 409, alink: 460, title: 'Request with this key in progress' },
  payment_disabled: { http: 403, alink: 6813, title: 'Voice payment is off' },
  payment_denied: { http: 403, alink: 6813, title: 'This member may not pay' },
  payment_pin_wrong: { http: 403, alink: 6813, title: 'Wrong payment PIN' },
  payment_locked: { http: 423, alink: 6813, title: 'Payment locked' },
  payment_limit: { http: 403, alink: 6813, title: 'Over the payment limit' },
  payment_declined: { http: 402, alink: 400, title: 'Payment declined' },
  signature_invalid: { http: 401, alink: 460, title: 'Signature refused' },
  miniapp_timeout: { http: 504, alink: 400, title: 'Mini-app took too long' },
  miniapp_memory: { http: 502, alink: 400, title: 'Mini-app ran out of memory' },
  miniapp_stack: { http: 502, alink: 400, title: 'Mini-app overflowed its stack' },
  miniapp_too_large: { http: 502, alink: 400, title: 'Mini-app message too large' },
  miniapp_error: { http: 502, alink: 400, title: 'Mini-app failed' },
  miniapp_disposed: { http: 503, alink: 400, title: 'Mini-app stopped' },
  miniapp_host_calls: { http: 502, alink: 400, title: 'Mini-app made too many host calls' },
  language_unsupported: { http: 422, alink: 460, title: 'Language not supported here' },
} as const satisfies Record<string, { http: number; alink: number; title: string }>;

/** A stable error code from the closed table. */
export type ErrorCode = keyof typeof errorCodes;

// The languages Genio speaks are part of the contract with clients.
export { type Language, languages } from '@genio/contracts';
