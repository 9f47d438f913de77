import { useState } from 'preact/hooks';
import type { ApiError } from '../../lib/api.js';
import { ConfirmButton } from '../components/confirm-button.js';
import { FormError } from '../components/field.js';
import { Empty, LoadError, Loading } from '../components/status.js';
import { formatMoney, freshUuid, NEXT_STEP, nameOf, type Order, REFUNDABLE } from '../lib/commerce.js';
import { asApiError } from '../lib/console-api.js';
import { useLiveEvent, useLiveState, useSession } from '../lib/context.js';
import { formatTime } from '../lib/format.js';
import { useLoad } from '../lib/use-load.js';

/** Newest first, one entry per order. */
function upsert(orders: Order[] | undefined, order: Order): Order[] {
  return [order, ...(orders ?? []).filter((o) => o.id !== order.id)].sort(
    (a, b) => b.createdAt - a.createdAt,
  );
}

/** What a person at the counter calls an order: its pickup code once paid, else the start of its id. */
function labelOf(order: Order): string {
  return order.pickupCode ?? order.id.slice(0, 8);
}

/** The merchant's orders, kept current by `order.updated` events, with the next move and refund for each. */
export function OrderBoard(props: { merchantId: string; onChanged: () => void }) {
  const { api } = useSession();
  const live = useLiveState();
  const orders = useLoad(
    () => api.get<Order[]>(`/api/v1/merchants/${encodeURIComponent(props.merchantId)}/orders`),
    [api, props.merchantId],
  );
  const [error, setError] = useState<ApiError | null>(null);

  useLiveEvent((event) => {
    if (event.name !== 'order.updated') return;
    const { orderId, merchantId } = event.payload as { orderId?: unknown; merchantId?: unknown };
    if (merchantId !== props.merchantId || typeof orderId !== 'string') return;
    api.get<Order>(`/api/v1/orders/${encodeURIComponent(orderId)}`).then(
      (order) => {
        orders.update((current) => upsert(current, order));
        if (order.status === 'paid') props.onChanged();
      },
      (failure: unknown) => setError(asApiError(failure)),
    );
  });

  const act = async (change: () => Promise<Order>) => {
    setError(null);
    try {
      const order = await change();
      orders.update((current) => upsert(current, order));
    } catch (failure) {
      setError(asApiError(failure));
    }
  };
  const move = (order: Order, to: string) =>
    act(() =>
      api.post<Order>(`/api/v1/orders/${encodeURIComponent(order.id)}/transitions`, {
        to,
        eventId: freshUuid(),
      }),
    );
  const refund = (order: Order) =>
    act(() =>
      api.send<Order>('POST', `/api/v1/orders/${encodeURIComponent(order.id)}/refund`, {
        headers: { 'idempotency-key': `refund-${order.id}` },
      }),
    );

  return (
    <>
      <p class="muted" data-testid="board-live">
        {live === 'open' ? 'Live: new and paid orders appear by themselves.' : `Live updates: ${live}.`}
      </p>
      <FormError error={error} />
      {orders.error ? <LoadError error={orders.error} retry={orders.reload} /> : null}
      {orders.loading && !orders.data ? <Loading what="the orders" /> : null}
      {orders.data && orders.data.length === 0 ? <Empty>No orders yet.</Empty> : null}
      <ul class="order-board" aria-label="Orders">
        {(orders.data ?? []).map((order) => {
          const next = NEXT_STEP[order.status];
          const label = labelOf(order);
          return (
            <li key={order.id} class="order-card" data-order-id={order.id} data-status={order.status}>
              <article aria-label={`Order ${label}`}>
                <div class="title-row">
                  <h3>{order.pickupCode ? `Pickup ${order.pickupCode}` : `Order ${label}`}</h3>
                  <span class="badge order-status">{order.status.replace('_', ' ')}</span>
                </div>
                <p class="muted">
                  Store <code>{order.storeRef}</code> · {formatTime(order.createdAt)} ·{' '}
                  <strong>{formatMoney(order.total, order.currency)}</strong>
                </p>
                <ul class="order-lines">
                  {order.lines.map((line) => (
                    <li key={`${line.ref}-${JSON.stringify(line.options)}`}>
                      {line.quantity} × {nameOf(line.name)}
                      {Object.values(line.options).flat().length
                        ? ` (${Object.values(line.options).flat().join(', ')})`
                        : ''}
                    </li>
                  ))}
                </ul>
                <div class="actions">
                  {next ? (
                    <button
                      type="button"
                      class="primary"
                      aria-label={`${next.label} order ${label}`}
                      onClick={() => void move(order, next.to)}
                    >
                      {next.label}
                    </button>
                  ) : null}
                  {REFUNDABLE.has(order.status) ? (
                    <ConfirmButton
                      label="Refund"
                      name={`Refund order ${label}`}
                      question={`Give ${formatMoney(order.total, order.currency)} back?`}
                      confirmLabel="Yes, refund"
                      onConfirm={() => refund(order)}
                    />
                  ) : null}
                </div>
              </article>
            </li>
          );
        })}
      </ul>
    </>
  );
}
