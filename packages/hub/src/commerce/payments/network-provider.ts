/**
 * A PaymentProvider that talks HTTP to an external payment network (the sandbox network in tests).
 * Each request is signed with the API secret (fresh timestamp and nonce per attempt) and carries
 * the caller's Idempotency-Key; a timeout, a dropped connection, a 5xx or a 409 "key in flight" is
 * retried with the same key after a growing pause, so a retried payment is charged once. Webhooks
 * are accepted only with a fresh, first-seen signature made with the webhook secret.
 */
import { GenioError } from '../../errors/index.js';
import type { PaymentEvent, PaymentEventType, PaymentIntent, PaymentProvider } from './provider.js';
import { createSignatureVerifier, SIGNATURE_HEADER, signMessage } from './signing.js';

/** How to reach a network. */
export interface NetworkProviderOptions {
  /** Provider name (its clearing account in the ledger), e.g. `sandbox`. */
  name: string;
  baseUrl: string;
  apiSecret: string;
  webhookSecret: string;
  /** Per attempt (default 3 s). */
  timeoutMs?: number;
  /** Attempts in all, the first included (default 4). */
  attempts?: number;
  /** First pause between attempts; it doubles each time (default 200 ms). */
  backoffMs?: number;
  clock?: () => number;
}

const eventTypes: readonly PaymentEventType[] = [
  'payment.authorized',
  'payment.failed',
  'payment.captured',
  'payment.voided',
  'payment.refunded',
];
const intentStatuses = ['authorized', 'declined', 'captured', 'voided', 'refunded'];

function isIntent(value: unknown): value is PaymentIntent {
  const v = value as Record<string, unknown> | null;
  return (
    !!v &&
    typeof v.id === 'string' &&
    typeof v.status === 'string' &&
    intentStatuses.includes(v.status) &&
    Number.isSafeInteger(v.amount) &&
    typeof v.currency === 'string' &&
    typeof v.reference === 'string' &&
    Number.isSafeInteger(v.capturedAmount) &&
    Number.isSafeInteger(v.refundedAmount)
  );
}

/** Only the fields Genio knows, whatever else the network sends. */
function pickIntent(value: PaymentIntent): PaymentIntent {
  return {
    id: value.id,
    status: value.status,
    amount: value.amount,
    currency: value.currency,
    reference: value.reference,
    capturedAmount: value.capturedAmount,
    refundedAmount: value.refundedAmount,
    declineReason: typeof value.declineReason === 'string' ? value.declineReason : null,
  };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Build the provider for one network. */
export function createNetworkProvider(options: NetworkProviderOptions): PaymentProvider {
  const timeoutMs = options.timeoutMs ?? 3_000;
  const attempts = options.attempts ?? 4;
  const backoffMs = options.backoffMs ?? 200;
  const clock = options.clock ?? Date.now;
  const webhooks = createSignatureVerifier(options.webhookSecret, clock);
  const base = options.baseUrl.replace(/\/$/, '');

  /** One call, retried while the network may not have answered; returns the intent it reports. */
  async function call(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    key?: string,
  ): Promise<PaymentIntent> {
    const raw = body === undefined ? '' : JSON.stringify(body);
    let lastProblem = '';
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (attempt > 1) await pause(backoffMs * 2 ** (attempt - 2));
      const headers: Record<string, string> = {
        [SIGNATURE_HEADER]: signMessage(options.apiSecret, raw, `${method} ${path}`, clock()),
      };
      if (raw) headers['content-type'] = 'application/json';
      if (key) headers['idempotency-key'] = key;
      let status: number;
      let answer: Record<string, unknown>;
      try {
        const response = await fetch(`${base}${path}`, {
          method,
          headers,
          ...(raw ? { body: raw } : {}),
          signal: AbortSignal.timeout(timeoutMs),
        });
        status = response.status;
        answer = (await response.json().catch(() => ({}))) as Record<string, unknown>;
      } catch (error) {
        lastProblem = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        continue;
      }
      if (status >= 500 || status === 409 || status === 429) {
        lastProblem = `HTTP ${status}`;
        // A 409 with an intent is a wrong state, which a retry cannot change.
        if (status === 409 && isIntent(answer.intent))
          throw new GenioError('conflict', {
            reason: `payment ${answer.intent.id} is ${answer.intent.status}`,
          });
        continue;
      }
      if (status === 402 && isIntent(answer.intent)) return pickIntent(answer.intent);
      if (status >= 200 && status < 300 && isIntent(answer)) return pickIntent(answer);
      const error = (answer.error ?? {}) as { code?: string; message?: string };
      if (status === 401) throw new GenioError('signature_invalid', { reason: error.message ?? 'refused' });
      if (status === 404) throw new GenioError('not_found', { kind: 'payment intent', id: path });
      if (status === 422) throw new GenioError('idempotency_key_reused', { key, reason: error.message });
      throw new GenioError('validation_failed', {
        field: path,
        reason: `${options.name} answered ${status}: ${error.message ?? 'no reason'}`,
      });
    }
    throw new GenioError('unavailable', {
      reason: `${options.name} did not answer after ${attempts} attempts (${lastProblem})`,
    });
  }

  const enc = encodeURIComponent;
  return {
    name: options.name,
    authorize(input) {
      const body = { amount: input.amount, currency: input.currency, reference: input.reference };
      return call('POST', '/v1/intents', body, input.idempotencyKey);
    },
    capture(id, input) {
      const body = input.amount === undefined ? {} : { amount: input.amount };
      return call('POST', `/v1/intents/${enc(id)}/capture`, body, input.idempotencyKey);
    },
    void(id, input) {
      return call('POST', `/v1/intents/${enc(id)}/void`, {}, input.idempotencyKey);
    },
    refund(id, input) {
      const body = input.amount === undefined ? {} : { amount: input.amount };
      return call('POST', `/v1/intents/${enc(id)}/refund`, body, input.idempotencyKey);
    },
    get(id) {
      return call('GET', `/v1/intents/${enc(id)}`, undefined);
    },
    verifyWebhook(rawBody, signature): PaymentEvent {
      webhooks.verify(signature, rawBody);
      let event: Record<string, unknown>;
      try {
        event = JSON.parse(rawBody) as Record<string, unknown>;
      } catch {
        throw new GenioError('validation_failed', { field: 'body', reason: 'not JSON' });
      }
      if (
        typeof event.id !== 'string' ||
        !eventTypes.includes(event.type as PaymentEventType) ||
        !isIntent(event.intent)
      )
        throw new GenioError('validation_failed', { field: 'body', reason: 'not a payment event' });
      return {
        id: event.id,
        type: event.type as PaymentEventType,
        intent: pickIntent(event.intent),
      };
    },
  };
}
