import type { PaymentProvider } from '../src/commerce/index.js';

/** A card network that authorizes and captures everything, counting what it captured. */
export function countingNetwork() {
  const captured = new Map<string, number>();
  let next = 0;
  const intent = (
    id: string,
    amount: number,
    currency: string,
    reference: string,
    status: 'authorized' | 'captured',
  ) => ({
    id,
    status,
    amount,
    currency,
    reference,
    capturedAmount: status === 'captured' ? amount : 0,
    refundedAmount: 0,
    declineReason: null,
  });
  const intents = new Map<string, ReturnType<typeof intent>>();
  const provider: PaymentProvider = {
    name: 'cardnet',
    async authorize(input) {
      const made = intent(`pi_${++next}`, input.amount, input.currency, input.reference, 'authorized');
      intents.set(made.id, made);
      return made;
    },
    async capture(id) {
      const found = intents.get(id);
      if (!found) throw new Error(`no intent ${id}`);
      const done = { ...found, status: 'captured' as const, capturedAmount: found.amount };
      if (found.status !== 'captured')
        captured.set(found.reference, (captured.get(found.reference) ?? 0) + found.amount);
      intents.set(id, done);
      return done;
    },
    async void(id) {
      const found = intents.get(id);
      if (!found) throw new Error(`no intent ${id}`);
      return { ...found, status: 'voided' as const };
    },
    async refund(id) {
      const found = intents.get(id);
      if (!found) throw new Error(`no intent ${id}`);
      return { ...found, status: 'refunded' as const };
    },
    async get(id) {
      const found = intents.get(id);
      if (!found) throw new Error(`no intent ${id}`);
      return found;
    },
    verifyWebhook() {
      throw new Error('not used');
    },
  };
  return { provider, captured };
}
