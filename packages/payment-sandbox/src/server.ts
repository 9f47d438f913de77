/**
 * The sandbox network's HTTP server (plain node:http). Every /v1 request must be signed with the
 * API secret; every POST needs an Idempotency-Key: the first answer to a key is stored and replayed
 * for the same request, a different request with the key gets 422, a key still being worked on 409.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type Fault, FaultQueue, type Operation, parseFault } from './faults.js';
import { type Intent, IntentBook, NetworkError } from './intents.js';
import { checkSignature, SIGNATURE_HEADER } from './signing.js';
import { type EventType, WebhookSender } from './webhooks.js';

/** How the sandbox is set up. */
export interface SandboxOptions {
  apiSecret: string;
  webhookSecret: string;
  webhookUrl?: string | null;
  /** JSON file that keeps intents and stored answers across restarts. */
  stateFile?: string;
  /** Serve the /_control endpoints (tests only). */
  controls?: boolean;
  webhookRetryBaseMs?: number;
}

/** A running sandbox. */
export interface Sandbox {
  server: Server;
  book: IntentBook;
  webhooks: WebhookSender;
  faults: FaultQueue;
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

const MAX_BODY = 64 * 1024;
const CURRENCY = /^[A-Z]{3}$/;

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new BodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function refusal(status: number, code: string, message: string, intent?: Intent) {
  return { status, body: { error: { code, message }, ...(intent ? { intent } : {}) } };
}

function positiveAmount(value: unknown, optional: boolean): number | undefined {
  if (value === undefined && optional) return undefined;
  if (!Number.isSafeInteger(value) || (value as number) <= 0)
    throw new NetworkError(400, 'invalid_amount', 'amount must be a positive whole number of minor units');
  return value as number;
}

const eventOf: Record<Operation, (intent: Intent) => EventType> = {
  authorize: (i) => (i.status === 'declined' ? 'payment.failed' : 'payment.authorized'),
  capture: () => 'payment.captured',
  void: () => 'payment.voided',
  refund: () => 'payment.refunded',
};

/** Build the sandbox (call listen() to serve). */
export function createSandbox(options: SandboxOptions): Sandbox {
  const book = new IntentBook(options.stateFile);
  const faults = new FaultQueue();
  const webhooks = new WebhookSender({
    url: options.webhookUrl ?? null,
    secret: options.webhookSecret,
    retryBaseMs: options.webhookRetryBaseMs ?? 200,
  });
  const seenNonces = new Map<string, number>();

  function work(op: Operation, id: string | undefined, input: Record<string, unknown>, fault: Fault | null) {
    if (op === 'authorize') {
      const amount = positiveAmount(input.amount, false) as number;
      if (typeof input.currency !== 'string' || !CURRENCY.test(input.currency))
        throw new NetworkError(400, 'invalid_currency', 'currency must be an ISO 4217 code');
      if (typeof input.reference !== 'string' || !input.reference || input.reference.length > 200)
        throw new NetworkError(400, 'invalid_reference', 'reference must be 1-200 characters');
      const declined = fault?.kind === 'decline' ? 'card_declined' : null;
      return book.authorize({ amount, currency: input.currency, reference: input.reference }, declined);
    }
    const intentId = id as string;
    if (op === 'capture') return book.capture(intentId, positiveAmount(input.amount, true));
    if (op === 'void') return book.void(intentId);
    return book.refund(intentId, positiveAmount(input.amount, true));
  }

  async function mutate(
    req: IncomingMessage,
    res: ServerResponse,
    op: Operation,
    id: string | undefined,
    raw: string,
  ) {
    const key = req.headers['idempotency-key'];
    if (typeof key !== 'string' || !/^[\x21-\x7e]{1,255}$/.test(key))
      return send(res, 400, refusal(400, 'idempotency_key_missing', 'send an Idempotency-Key header').body);
    const requestHash = createHash('sha256').update(`${req.method} ${req.url}\n${raw}`).digest('hex');
    const stored = book.answers.get(key);
    if (stored) {
      if (stored.requestHash !== requestHash)
        return send(res, 422, refusal(422, 'idempotency_key_reused', 'key used with another request').body);
      if (stored.state === 'in_flight')
        return send(
          res,
          409,
          refusal(409, 'idempotency_in_flight', 'a request with this key is running').body,
        );
      return send(res, stored.status, stored.body, { 'idempotent-replayed': 'true' });
    }
    const fault = faults.take(op);
    if (fault?.kind === 'error')
      return send(res, 503, refusal(503, 'unavailable', 'injected failure: try again').body);
    book.answers.set(key, { requestHash, state: 'in_flight', status: 0, body: null });
    let answer: { status: number; body: unknown };
    let changed: Intent | null = null;
    try {
      const input = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      changed = work(op, id, input, fault);
      answer =
        changed.status === 'declined'
          ? refusal(402, 'card_declined', 'the payment was declined', changed)
          : { status: op === 'authorize' ? 201 : 200, body: changed };
    } catch (error) {
      if (error instanceof NetworkError)
        answer = refusal(error.status, error.code, error.message, error.intent);
      else if (error instanceof SyntaxError) answer = refusal(400, 'invalid_json', 'the body is not JSON');
      else {
        book.answers.delete(key);
        throw error;
      }
    }
    book.answers.set(key, { requestHash, state: 'done', ...answer });
    book.save();
    if (changed) webhooks.emit(eventOf[op](changed), changed);
    if (fault?.kind === 'delay') await new Promise((r) => setTimeout(r, fault.delayMs ?? 1_000));
    send(res, answer.status, answer.body);
  }

  function verified(req: IncomingMessage, raw: string): string | null {
    const header = req.headers[SIGNATURE_HEADER];
    const check = checkSignature(
      options.apiSecret,
      typeof header === 'string' ? header : undefined,
      raw,
      `${req.method} ${req.url}`,
    );
    if (!check.ok) return check.reason;
    const now = Date.now();
    for (const [nonce, until] of seenNonces) {
      if (until >= now) break;
      seenNonces.delete(nonce);
    }
    if (seenNonces.has(check.nonce)) return 'replayed signature';
    seenNonces.set(check.nonce, now + 600_000);
    return null;
  }

  async function control(req: IncomingMessage, res: ServerResponse, path: string, raw: string) {
    const input = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    if (req.method === 'POST' && path === '/_control/faults') {
      const fault = parseFault(input);
      if (typeof fault === 'string') return send(res, 400, refusal(400, 'invalid_fault', fault).body);
      faults.add(fault);
      return send(res, 201, { faults: faults.pending() });
    }
    if (req.method === 'DELETE' && path === '/_control/faults') {
      faults.clear();
      return send(res, 200, { faults: [] });
    }
    if (req.method === 'PUT' && path === '/_control/webhooks') {
      if (typeof input.duplicate === 'boolean') webhooks.mode.duplicate = input.duplicate;
      if (typeof input.hold === 'boolean') webhooks.mode.hold = input.hold;
      return send(res, 200, { mode: webhooks.mode, held: webhooks.heldCount() });
    }
    if (req.method === 'POST' && path === '/_control/webhooks/release') {
      const released = webhooks.release(input.order === 'reverse' ? 'reverse' : 'fifo');
      await webhooks.settle();
      return send(res, 200, { released });
    }
    if (req.method === 'POST' && path === '/_control/webhooks/settle') {
      await webhooks.settle();
      return send(res, 200, { deliveries: webhooks.log.length });
    }
    if (req.method === 'GET' && path === '/_control/state')
      return send(res, 200, {
        intents: [...book.intents.values()],
        deliveries: webhooks.log,
        held: webhooks.heldCount(),
        faults: faults.pending(),
      });
    send(res, 404, refusal(404, 'not_found', `no control ${req.method} ${path}`).body);
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const path = new URL(req.url ?? '/', 'http://sandbox').pathname;
    const raw = await readBody(req);
    if (path.startsWith('/_control/')) {
      if (!options.controls) return send(res, 404, refusal(404, 'not_found', 'controls are off').body);
      return control(req, res, path, raw);
    }
    const reason = verified(req, raw);
    if (reason) return send(res, 401, refusal(401, 'signature_invalid', reason).body);
    const match = /^\/v1\/intents(?:\/([\w-]+))?(?:\/(capture|void|refund))?$/.exec(path);
    if (!match) return send(res, 404, refusal(404, 'not_found', `no route ${req.method} ${path}`).body);
    const [, id, action] = match;
    if (req.method === 'GET' && id && !action) {
      const intent = book.intents.get(id);
      return intent
        ? send(res, 200, intent)
        : send(res, 404, refusal(404, 'not_found', `no intent ${id}`).body);
    }
    if (req.method === 'POST' && !id && !action) return mutate(req, res, 'authorize', undefined, raw);
    if (req.method === 'POST' && id && action) return mutate(req, res, action as Operation, id, raw);
    send(res, 405, refusal(405, 'method_not_allowed', `${req.method} ${path}`).body);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (error instanceof BodyTooLarge)
        return send(res, 413, refusal(413, 'too_large', 'body over 64 KiB').body);
      if (error instanceof SyntaxError) return send(res, 400, refusal(400, 'invalid_json', 'not JSON').body);
      send(res, 500, refusal(500, 'internal', error instanceof Error ? error.message : 'failed').body);
    });
  });

  return {
    server,
    book,
    webhooks,
    faults,
    listen(port, host = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          const address = server.address();
          resolve(typeof address === 'object' && address ? address.port : port);
        });
      });
    },
    async close() {
      await webhooks.settle();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
