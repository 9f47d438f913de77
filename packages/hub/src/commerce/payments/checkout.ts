/**
 * Paying and refunding an order by whichever way the household chose: the built-in wallet path of the
 * order service, or an external provider through the settlement. Both ways pass the payment guard
 * first (enabled, payer allowed, not locked, PIN or challenge, per-order and daily limits), and a
 * refund always goes back the way the money came.
 */
import { GenioError } from '../../errors/index.js';
import { decideMove, type OrderStatus, paidStatuses } from '../orders/lifecycle.js';
import type { Order, OrderService } from '../orders/orders.js';
import type { PaymentProvider } from './provider.js';
import type { PaymentGuard, SecondFactor } from './settings.js';
import type { PaymentSettlement } from './settlement.js';

/** How an order is paid: the household wallet, or the name of a configured provider. */
export type PaymentMethod = string;

/** Paying and refunding orders by wallet or provider. */
export interface Checkout {
  /** Pay after the guard accepts the second factor and the limits. */
  pay(orderId: string, by: { tokenId: string; factor: SecondFactor; method?: PaymentMethod }): Promise<Order>;
  /** Give the whole order back through the provider that took the money, or to the wallet. */
  refund(orderId: string, by: { actor: string }): Promise<Order>;
  /** A configured provider by name (for its webhooks); undefined when there is none. */
  provider(name: string): PaymentProvider | undefined;
}

/** Build the checkout over the order service, the guard, the settlement and the configured providers. */
export function createCheckout(deps: {
  orders: OrderService;
  guard: PaymentGuard;
  payments: PaymentSettlement;
  providers?: readonly PaymentProvider[];
}): Checkout {
  const { orders, guard, payments } = deps;
  const providers = new Map((deps.providers ?? []).map((p) => [p.name, p]));

  function configured(name: string, field: string): PaymentProvider {
    const provider = providers.get(name);
    if (!provider)
      throw new GenioError('validation_failed', {
        field,
        reason: `no payment provider named ${name} is configured on this hub`,
      });
    return provider;
  }

  async function payThrough(
    order: Order,
    provider: PaymentProvider,
    by: { tokenId: string; factor: SecondFactor },
  ) {
    if (paidStatuses.includes(order.status) || order.status === 'refunded') return order;
    if (decideMove(order.status, 'paid') !== 'apply')
      throw new GenioError('conflict', { reason: `order ${order.id} is ${order.status} and cannot be paid` });
    await guard.authorize(order.homeId, {
      tokenId: by.tokenId,
      amount: order.total,
      currency: order.currency,
      factor: by.factor,
      spentToday: await orders.spentToday(order.homeId),
    });
    await payments.charge(order.id, provider, { payer: order.homeId });
    return orders.get(order.id);
  }

  return {
    async pay(orderId, by) {
      const method = by.method ?? 'wallet';
      const order = await orders.get(orderId);
      const through = await payments.paidThrough(orderId);
      if (method === 'wallet') {
        // Money already on its way through a provider must not be taken from the wallet as well.
        if (through !== null && !paidStatuses.includes(order.status as OrderStatus))
          throw new GenioError('conflict', { reason: `order ${orderId} is being paid through ${through}` });
        return orders.pay(orderId, by);
      }
      return payThrough(order, configured(method, 'method'), by);
    },

    async refund(orderId, by) {
      const through = await payments.paidThrough(orderId);
      if (through === null) return orders.refund(orderId, by);
      await payments.refund(orderId, configured(through, 'provider'));
      return orders.get(orderId);
    },

    provider: (name) => providers.get(name),
  };
}
