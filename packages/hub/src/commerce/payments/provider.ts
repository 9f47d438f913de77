/**
 * What Genio needs from any way of paying: reserve money (authorize), take it (capture), release it
 * (void), give it back (refund), and accept the provider's signed notices (webhooks). Every call that
 * moves money carries an idempotency key, so a retried call never moves money twice.
 */

/** Where a payment intent is in its life at the provider. */
export type IntentStatus = 'authorized' | 'declined' | 'captured' | 'voided' | 'refunded';

/** A payment as the provider reports it. Amounts are integer minor units of `currency`. */
export interface PaymentIntent {
  id: string;
  status: IntentStatus;
  amount: number;
  currency: string;
  /** What the payment is for; Genio uses the order id. */
  reference: string;
  capturedAmount: number;
  refundedAmount: number;
  declineReason: string | null;
}

/** The kinds of notice a provider sends. */
export type PaymentEventType =
  | 'payment.authorized'
  | 'payment.failed'
  | 'payment.captured'
  | 'payment.voided'
  | 'payment.refunded';

/** A verified notice from a provider: what happened, with the intent as it was then. */
export interface PaymentEvent {
  id: string;
  type: PaymentEventType;
  intent: PaymentIntent;
}

/** What authorizing needs. */
export interface AuthorizeInput {
  amount: number;
  currency: string;
  reference: string;
  idempotencyKey: string;
  /** Who pays, where the provider needs it: the home id for the household wallet. */
  payer?: string;
}

/** A way of paying. */
export interface PaymentProvider {
  /** Stable name, used for the provider's clearing account in the ledger. */
  readonly name: string;
  authorize(input: AuthorizeInput): Promise<PaymentIntent>;
  capture(intentId: string, input: { idempotencyKey: string; amount?: number }): Promise<PaymentIntent>;
  void(intentId: string, input: { idempotencyKey: string }): Promise<PaymentIntent>;
  refund(intentId: string, input: { idempotencyKey: string; amount?: number }): Promise<PaymentIntent>;
  get(intentId: string): Promise<PaymentIntent>;
  /** Check a webhook's signature on its raw body and parse it; throws `signature_invalid`. */
  verifyWebhook(rawBody: string, signature: string | undefined): PaymentEvent;
}

/** The ledger account where a provider's money passes on its way to or from merchants. */
export function clearingAccount(provider: string, currency: string) {
  return { kind: 'provider_clearing', owner: provider, currency };
}
