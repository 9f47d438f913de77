/** The hub's version, shown in /healthz and the OpenAPI document. */
export const version = '0.1.0';
