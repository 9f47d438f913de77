/**
 * The closed list of things a caller can ask to do. Each is checked by the one policy in policy.ts;
 * a new route picks one of these (or adds one here and a row to every role's table).
 */
export const actions = [
  'hub.metrics',
  'home.create',
  'home.list',
  'home.read',
  'home.update',
  'home.delete',
  'device.create',
  'device.list',
  'device.read',
  'device.update',
  'device.delete',
  'device.control',
  'device.credentials',
  'device.simulate',
  'product.create',
  'product.list',
  'product.read',
  'product.update',
  'product.delete',
  'token.create',
  'token.list',
  'token.revoke',
  'conversation.turn',
  'events.subscribe',
  'timer.read',
  'timer.manage',
  'screen.pair',
] as const;

/** One thing a caller can ask to do. */
export type Action = (typeof actions)[number];
