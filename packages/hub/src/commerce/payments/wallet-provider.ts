/**
 * The household wallet as a PaymentProvider. Authorizing reserves money with a pending ledger
 * transfer from the home's wallet to the wallet's clearing account; capture posts it, void releases
 * it, refund moves it back. The intent id is the pending transfer's id, derived from the idempotency
 * key, and each later step's transfer id is derived from the intent, so any retry is answered by
 * the ledger with the transfer it already holds. The wallet answers at once and sends no webhooks.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { GenioError, isGenioError } from '../../errors/index.js';
import type { Database } from '../../storage/index.js';
import type { Ledger, LedgerTables } from '../ledger/index.js';
import { clearingAccount, type PaymentIntent, type PaymentProvider } from './provider.js';

/** The provider name of the household wallet. */
export const WALLET_PROVIDER = 'wallet';

/** Build the wallet provider over the ledger. */
export function createWalletProvider(deps: { db: Kysely<Database>; ledger: Ledger }): PaymentProvider {
  const db = deps.db.withTables<LedgerTables>();
  const { ledger } = deps;

  const transferRow = (id: string) =>
    db.selectFrom('ledger_transfers').selectAll().where('id', '=', id).executeTakeFirst();

  async function get(intentId: string): Promise<PaymentIntent> {
    const reserved = await transferRow(intentId);
    if (reserved?.kind !== 'pending')
      throw new GenioError('not_found', { kind: 'payment intent', id: intentId });
    const settled = await db
      .selectFrom('ledger_transfers')
      .selectAll()
      .where('pending_id', '=', intentId)
      .executeTakeFirst();
    const refunded = await transferRow(`${intentId}:refund`);
    const captured = settled?.kind === 'post_pending' ? Number(settled.amount) : 0;
    const refundedAmount = refunded ? Number(refunded.amount) : 0;
    let status: PaymentIntent['status'] = 'authorized';
    if (settled?.kind === 'void_pending') status = 'voided';
    if (captured) status = refundedAmount === captured ? 'refunded' : 'captured';
    return {
      id: intentId,
      status,
      amount: Number(reserved.amount),
      currency: reserved.currency,
      reference: reserved.reference,
      capturedAmount: captured,
      refundedAmount,
      declineReason: null,
    };
  }

  return {
    name: WALLET_PROVIDER,

    async authorize(input) {
      if (!input.payer)
        throw new GenioError('validation_failed', {
          field: 'payer',
          reason: 'the wallet needs the home that pays',
        });
      const id = `wallet:${createHash('sha256').update(input.idempotencyKey).digest('hex').slice(0, 32)}`;
      const wallet = await ledger.openAccount({
        kind: 'household_wallet',
        owner: input.payer,
        currency: input.currency,
        noOverdraft: true,
      });
      const clearing = await ledger.openAccount(clearingAccount(WALLET_PROVIDER, input.currency));
      try {
        await ledger.transfer({
          id,
          debitAccountId: wallet.id,
          creditAccountId: clearing.id,
          amount: input.amount,
          pending: true,
          reference: input.reference,
        });
      } catch (error) {
        if (isGenioError(error) && error.code === 'insufficient_funds')
          return {
            id,
            status: 'declined',
            amount: input.amount,
            currency: input.currency,
            reference: input.reference,
            capturedAmount: 0,
            refundedAmount: 0,
            declineReason: 'insufficient_funds',
          };
        throw error;
      }
      return get(id);
    },

    async capture(intentId, input) {
      await ledger.postPending(intentId, {
        id: `${intentId}:capture`,
        ...(input.amount === undefined ? {} : { amount: input.amount }),
      });
      return get(intentId);
    },

    async void(intentId) {
      await ledger.voidPending(intentId, { id: `${intentId}:void` });
      return get(intentId);
    },

    async refund(intentId, input) {
      const intent = await get(intentId);
      if (intent.status !== 'captured' && intent.status !== 'refunded')
        throw new GenioError('conflict', {
          reason: `payment ${intentId} is ${intent.status}: nothing to refund`,
        });
      const amount = input.amount ?? intent.capturedAmount;
      if (amount !== intent.capturedAmount)
        throw new GenioError('validation_failed', {
          field: 'amount',
          reason: 'the wallet refunds whole payments',
        });
      const reserved = await transferRow(intentId);
      if (!reserved) throw new GenioError('not_found', { kind: 'payment intent', id: intentId });
      await ledger.transfer({
        id: `${intentId}:refund`,
        debitAccountId: reserved.credit_account_id,
        creditAccountId: reserved.debit_account_id,
        amount,
        reference: intent.reference,
      });
      return get(intentId);
    },

    get,

    verifyWebhook() {
      throw new GenioError('signature_invalid', { reason: 'the household wallet sends no webhooks' });
    },
  };
}
