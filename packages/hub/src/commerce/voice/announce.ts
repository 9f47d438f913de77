import type { Bus } from '../../bus/index.js';
import type { Language } from '../../errors/index.js';
import type { MerchantService } from '../merchants/merchants.js';
import { say } from './replies.js';

/**
 * Tell the household when its order is ready: an `order.ready` event with the sentence in the home's
 * language, which the screen shows as a notification (and speaks, once it speaks).
 */
export function announceReadyOrders(deps: {
  bus: Bus;
  merchants: MerchantService;
  homeLanguage: (homeId: string) => Promise<Language>;
  onError?: (error: unknown) => void;
}): () => void {
  const owner = 'order-announcer';
  deps.bus.on(owner, 'order.updated', (order) => {
    if (order.status !== 'ready') return;
    void (async () => {
      const [language, merchant] = await Promise.all([
        deps.homeLanguage(order.homeId),
        deps.merchants.get(order.merchantId),
      ]);
      const code = order.pickupCode ?? '';
      deps.bus.emit('order.ready', {
        homeId: order.homeId,
        orderId: order.orderId,
        merchantId: order.merchantId,
        pickupCode: order.pickupCode,
        title: say(language, 'paid_title', { code }),
        speech: say(language, 'ready', { merchant: merchant.name[language] ?? merchant.name.en, code }),
      });
    })().catch((error: unknown) => deps.onError?.(error));
  });
  return () => deps.bus.off(owner);
}
