import { describe, expect, it } from 'vitest';
import { decideMove, isFinal, type OrderStatus, orderStatuses, orderTransitions } from './lifecycle.js';

describe('order lifecycle', () => {
  it('follows the happy path one step at a time', () => {
    const path: OrderStatus[] = ['cart', 'placed', 'paid', 'accepted', 'preparing', 'ready', 'picked_up'];
    for (let i = 1; i < path.length; i++) expect(decideMove(path[i - 1]!, path[i]!)).toBe('apply');
  });

  it('changes nothing for a repeat or a late event, and refuses what makes no sense', () => {
    const table: Array<[OrderStatus, OrderStatus, 'apply' | 'noop' | 'refuse']> = [
      ['paid', 'paid', 'noop'],
      ['accepted', 'paid', 'noop'],
      ['ready', 'placed', 'noop'],
      ['picked_up', 'ready', 'noop'],
      ['refunded', 'paid', 'noop'],
      ['cancelled', 'paid', 'noop'],
      ['placed', 'ready', 'refuse'],
      ['cart', 'paid', 'refuse'],
      ['ready', 'cancelled', 'refuse'],
      ['expired', 'cancelled', 'refuse'],
      ['payment_failed', 'paid', 'apply'],
      ['placed', 'payment_failed', 'apply'],
      ['paid', 'payment_failed', 'noop'],
      ['picked_up', 'refunded', 'apply'],
      ['cancelled', 'refunded', 'apply'],
    ];
    for (const [from, to, want] of table) expect([from, to, decideMove(from, to)]).toEqual([from, to, want]);
  });

  it('lists every state in the table and knows which are final', () => {
    expect(Object.keys(orderTransitions).sort()).toEqual([...orderStatuses].sort());
    expect(orderStatuses.filter(isFinal).sort()).toEqual(['cancelled', 'expired', 'picked_up', 'refunded']);
  });
});
