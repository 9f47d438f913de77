/**
 * The built-in household wallet: a no-overdraft ledger account per home and currency. A top-up is a
 * transfer from the top-up source of whoever paid it in (the household or the operator), keyed by
 * the caller's idempotency key, so a retried top-up credits once.
 */
import { GenioError } from '../../errors/index.js';
import type { Ledger } from '../ledger/index.js';

/** Wallet balances and top-ups. */
export interface WalletService {
  balance(homeId: string, currency: string): Promise<{ balance: number; currency: string }>;
  topUp(
    homeId: string,
    input: { amount: number; currency: string; key: string; by: 'household' | 'operator' },
  ): Promise<{ balance: number; currency: string; transferId: string }>;
}

/** Build the wallet over the ledger. */
export function createWalletService(deps: { ledger: Ledger }): WalletService {
  const { ledger } = deps;
  const wallet = (homeId: string, currency: string) => ({
    kind: 'household_wallet',
    owner: homeId,
    currency,
    noOverdraft: true,
  });
  return {
    async balance(homeId, currency) {
      const account = await ledger.openAccount(wallet(homeId, currency));
      return { balance: account.available, currency };
    },
    async topUp(homeId, input) {
      if (!Number.isSafeInteger(input.amount) || input.amount <= 0 || input.amount > 100_000_00)
        throw new GenioError('validation_failed', {
          field: 'amount',
          reason: 'must be a whole number of minor units from 1 to 10,000,000',
        });
      const [account, source] = (await ledger.openAccounts([
        wallet(homeId, input.currency),
        { kind: 'topup_source', owner: input.by, currency: input.currency },
      ])) as [string, string];
      const id = `topup:${homeId}:${input.key}`;
      await ledger.transfer({
        id,
        debitAccountId: source,
        creditAccountId: account,
        amount: input.amount,
        reference: `top-up by ${input.by}`,
      });
      return {
        balance: (await ledger.account(account)).available,
        currency: input.currency,
        transferId: id,
      };
    },
  };
}
