import type { Bus } from '../../bus/index.js';
import type { Order, OrderService } from './orders.js';

/**
 * The order service, telling the bus after every change: the screen follows its home's orders and
 * says when one is ready; the merchant's board follows the merchant's.
 */
export function withOrderEvents(orders: OrderService, bus: Bus): OrderService {
  const tell = (order: Order): Order => {
    bus.emit('order.updated', {
      orderId: order.id,
      merchantId: order.merchantId,
      homeId: order.homeId,
      storeRef: order.storeRef,
      status: order.status,
      pickupCode: order.pickupCode,
      total: order.total,
      currency: order.currency,
    });
    return order;
  };
  return {
    ...orders,
    place: async (...args) => tell(await orders.place(...args)),
    pay: async (...args) => {
      const order = tell(await orders.pay(...args));
      bus.emit('order.paid', {
        orderId: order.id,
        merchantId: order.merchantId,
        homeId: order.homeId,
        amount: order.total,
        currency: order.currency,
      });
      return order;
    },
    refund: async (...args) => tell(await orders.refund(...args)),
    move: async (id, to, by) => {
      const before = await orders.get(id);
      const after = await orders.move(id, to, by);
      if (after.status !== before.status) tell(after);
      return after;
    },
  };
}
