/**
 * Sends the network's events to the configured URL, each POST signed afresh (new timestamp and
 * nonce), retried with backoff until a 2xx. Test modes: send every event twice, or hold events until
 * a test releases them in the order it wants (reverse order = out-of-order delivery).
 */
import { randomBytes } from 'node:crypto';
import type { Intent } from './intents.js';
import { sign } from './signing.js';

/** The kinds of event the network sends. */
export type EventType =
  | 'payment.authorized'
  | 'payment.failed'
  | 'payment.captured'
  | 'payment.voided'
  | 'payment.refunded';

/** An event, the body of a webhook. */
export interface NetworkEvent {
  id: string;
  type: EventType;
  created: number;
  intent: Intent;
}

/** How webhooks are being sent. */
export interface WebhookMode {
  duplicate: boolean;
  hold: boolean;
}

/** One delivery attempt, for the control endpoint's log. */
export interface DeliveryRecord {
  eventId: string;
  type: EventType;
  attempt: number;
  status: number | null;
  error: string | null;
}

const MAX_ATTEMPTS = 6;

/** The webhook sender. */
export class WebhookSender {
  readonly mode: WebhookMode = { duplicate: false, hold: false };
  readonly log: DeliveryRecord[] = [];
  private held: NetworkEvent[] = [];
  private inFlight = new Set<Promise<void>>();

  constructor(private readonly config: { url: string | null; secret: string; retryBaseMs: number }) {}

  /** Queue an event for delivery (now, or when released). */
  emit(type: EventType, intent: Intent): NetworkEvent {
    const event: NetworkEvent = {
      id: `evt_${randomBytes(9).toString('base64url')}`,
      type,
      created: Date.now(),
      intent,
    };
    if (this.mode.hold) this.held.push(event);
    else this.dispatch(event);
    return event;
  }

  /** Send the held events, oldest first or newest first. */
  release(order: 'fifo' | 'reverse'): number {
    const events = order === 'reverse' ? [...this.held].reverse() : [...this.held];
    this.held = [];
    // One after another, so the order of arrival is the order asked for.
    const chain = events.reduce<Promise<void>>(
      (previous, event) => previous.then(() => this.deliverAll(event)),
      Promise.resolve(),
    );
    this.track(chain);
    return events.length;
  }

  heldCount(): number {
    return this.held.length;
  }

  /** Wait for every delivery under way (used on shutdown and by the control endpoint). */
  async settle(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  private dispatch(event: NetworkEvent): void {
    this.track(this.deliverAll(event));
  }

  private track(work: Promise<void>): void {
    const tracked = work.catch(() => {}).finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
  }

  private async deliverAll(event: NetworkEvent): Promise<void> {
    await this.deliver(event);
    if (this.mode.duplicate) await this.deliver(event);
  }

  private async deliver(event: NetworkEvent): Promise<void> {
    if (!this.config.url) return;
    const body = JSON.stringify(event);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const record: DeliveryRecord = {
        eventId: event.id,
        type: event.type,
        attempt,
        status: null,
        error: null,
      };
      this.log.push(record);
      try {
        const answer = await fetch(this.config.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'genio-signature': sign(this.config.secret, body) },
          body,
          signal: AbortSignal.timeout(5_000),
        });
        record.status = answer.status;
        await answer.arrayBuffer();
        if (answer.ok) return;
      } catch (error) {
        record.error = error instanceof Error ? error.message : String(error);
      }
      await new Promise((r) => setTimeout(r, this.config.retryBaseMs * 2 ** (attempt - 1)));
    }
  }
}
