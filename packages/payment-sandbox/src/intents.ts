/**
 * The network's book of payment intents and the answers stored per Idempotency-Key. Invariant: an
 * intent's captured amount never exceeds its authorized amount, and its refunded amount never exceeds
 * what was captured. Kept in memory, and written to a JSON file after each change when one is given.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

/** Where a payment intent is in its life. */
export type IntentStatus = 'authorized' | 'declined' | 'captured' | 'voided' | 'refunded';

/** A payment intent as the network reports it. */
export interface Intent {
  id: string;
  status: IntentStatus;
  amount: number;
  currency: string;
  reference: string;
  capturedAmount: number;
  refundedAmount: number;
  declineReason: string | null;
  createdAt: number;
  updatedAt: number;
}

/** The answer stored for an idempotency key. */
export interface StoredAnswer {
  requestHash: string;
  state: 'in_flight' | 'done';
  status: number;
  body: unknown;
}

interface Snapshot {
  intents: Intent[];
  answers: Array<[string, StoredAnswer]>;
}

/** A refusal of a request, sent as `{ error: { code, message } }` with its HTTP status. */
export class NetworkError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly intent?: Intent,
  ) {
    super(message);
  }
}

/** The intents and stored answers, with optional persistence. */
export class IntentBook {
  readonly intents = new Map<string, Intent>();
  readonly answers = new Map<string, StoredAnswer>();

  constructor(private readonly file?: string) {
    if (file && existsSync(file)) {
      const snapshot = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
      for (const intent of snapshot.intents) this.intents.set(intent.id, intent);
      for (const [key, answer] of snapshot.answers)
        if (answer.state === 'done') this.answers.set(key, answer);
    }
  }

  /** Write the book to its file (atomically: a crash leaves the old or the new file whole). */
  save(): void {
    if (!this.file) return;
    const snapshot: Snapshot = {
      intents: [...this.intents.values()],
      answers: [...this.answers.entries()].filter(([, a]) => a.state === 'done'),
    };
    writeFileSync(`${this.file}.tmp`, JSON.stringify(snapshot));
    renameSync(`${this.file}.tmp`, this.file);
  }

  get(id: string): Intent {
    const intent = this.intents.get(id);
    if (!intent) throw new NetworkError(404, 'not_found', `no intent ${id}`);
    return intent;
  }

  authorize(input: { amount: number; currency: string; reference: string }, decline: string | null): Intent {
    const at = Date.now();
    const intent: Intent = {
      id: `pi_${randomBytes(9).toString('base64url')}`,
      status: decline ? 'declined' : 'authorized',
      amount: input.amount,
      currency: input.currency,
      reference: input.reference,
      capturedAmount: 0,
      refundedAmount: 0,
      declineReason: decline,
      createdAt: at,
      updatedAt: at,
    };
    this.intents.set(intent.id, intent);
    return intent;
  }

  capture(id: string, amount?: number): Intent {
    const intent = this.get(id);
    if (intent.status !== 'authorized')
      throw new NetworkError(409, 'wrong_state', `intent ${id} is ${intent.status}`, intent);
    const take = amount ?? intent.amount;
    if (take > intent.amount)
      throw new NetworkError(400, 'invalid_amount', `more than the ${intent.amount} authorized`);
    return this.change(intent, { status: 'captured', capturedAmount: take });
  }

  void(id: string): Intent {
    const intent = this.get(id);
    if (intent.status !== 'authorized')
      throw new NetworkError(409, 'wrong_state', `intent ${id} is ${intent.status}`, intent);
    return this.change(intent, { status: 'voided' });
  }

  refund(id: string, amount?: number): Intent {
    const intent = this.get(id);
    if (intent.status !== 'captured')
      throw new NetworkError(409, 'wrong_state', `intent ${id} is ${intent.status}`, intent);
    const left = intent.capturedAmount - intent.refundedAmount;
    const give = amount ?? left;
    if (give > left) throw new NetworkError(400, 'invalid_amount', `only ${left} is left to refund`);
    const refundedAmount = intent.refundedAmount + give;
    return this.change(intent, {
      refundedAmount,
      status: refundedAmount === intent.capturedAmount ? 'refunded' : 'captured',
    });
  }

  private change(intent: Intent, patch: Partial<Intent>): Intent {
    const next = { ...intent, ...patch, updatedAt: Date.now() };
    this.intents.set(next.id, next);
    return next;
  }
}
