/**
 * An order's life as a table. Moves are idempotent (asking for the state an order is in changes
 * nothing) and monotonic (a late event that would move an order back along its path — a payment
 * webhook arriving after the merchant accepted — is ignored, never applied).
 */

/** Every state an order can be in. */
export const orderStatuses = [
  'cart',
  'placed',
  'payment_failed',
  'paid',
  'accepted',
  'preparing',
  'ready',
  'picked_up',
  'cancelled',
  'refunded',
  'expired',
] as const;
/** One order state. */
export type OrderStatus = (typeof orderStatuses)[number];

/** Where an order may go from each state. */
export const orderTransitions: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  cart: ['placed', 'cancelled', 'expired'],
  placed: ['paid', 'payment_failed', 'cancelled', 'expired'],
  payment_failed: ['paid', 'cancelled', 'expired'],
  paid: ['accepted', 'preparing', 'ready', 'cancelled', 'refunded'],
  accepted: ['preparing', 'ready', 'cancelled', 'refunded'],
  preparing: ['ready', 'cancelled', 'refunded'],
  ready: ['picked_up', 'refunded'],
  picked_up: ['refunded'],
  cancelled: ['refunded'],
  refunded: [],
  expired: [],
};

// Position along the happy path; a move to a lower position is a late event.
const pathRank: Partial<Record<OrderStatus, number>> = {
  cart: 0,
  placed: 1,
  payment_failed: 1,
  paid: 2,
  accepted: 3,
  preparing: 4,
  ready: 5,
  picked_up: 6,
};

/** States after which the household's money has moved and a cancellation must refund it. */
export const paidStatuses: readonly OrderStatus[] = ['paid', 'accepted', 'preparing', 'ready', 'picked_up'];

/** What asking an order to move to `to` does: apply it, change nothing (repeat or late event), or refuse. */
export function decideMove(from: OrderStatus, to: OrderStatus): 'apply' | 'noop' | 'refuse' {
  if (from === to) return 'noop';
  if (orderTransitions[from].includes(to)) return 'apply';
  const fromRank = pathRank[from];
  const toRank = pathRank[to];
  if (toRank !== undefined && (fromRank === undefined || toRank < fromRank)) return 'noop';
  return 'refuse';
}

/** True for states an order never leaves except by a refund. */
export function isFinal(status: OrderStatus): boolean {
  return orderTransitions[status].every((s) => s === 'refunded');
}
