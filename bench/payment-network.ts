/**
 * Orders paid through the external-network provider against the sandbox network running as its own
 * process (authorize + capture over signed HTTP, then settlement in the database), on SQLite and on
 * PostgreSQL. Reports paid orders per second, latency percentiles, and checks that each order was
 * charged once at the network and that the ledger's debits equal its credits afterwards.
 */
import { createNetworkProvider } from '../packages/hub/src/commerce/index.js';
import { newShopPlace, openShop, placeOrder, stockShop } from '../packages/hub/test/commerce-shop.js';
import { backends } from '../packages/hub/test/harness.js';
import { startReceiver, startSandboxProcess } from '../packages/hub/test/payment-sandbox.js';
import { percentile, sorted } from './lib/stats.js';
import type { Benchmark, BenchOptions, BenchResult, Row } from './lib/types.js';

const CONCURRENCY = 8;

async function measure(backend: (typeof backends)[number], orders: number, options: BenchOptions) {
  const place = newShopPlace(backend);
  const shop = await openShop(place);
  const receiver = await startReceiver(async () => 200);
  const sandbox = await startSandboxProcess({ webhookUrl: receiver.url });
  try {
    const merchantId = (await stockShop(shop)).id;
    const provider = createNetworkProvider({
      name: 'sandbox',
      baseUrl: sandbox.url,
      apiSecret: sandbox.apiSecret,
      webhookSecret: sandbox.webhookSecret,
    });
    const ids: string[] = [];
    for (let i = 0; i < orders; i++) ids.push((await placeOrder(shop, merchantId)).id);
    const latencies: number[] = [];
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < ids.length && !options.signal.aborted) {
          const id = ids[next++] as string;
          const t0 = performance.now();
          await shop.payments.charge(id, provider);
          latencies.push(performance.now() - t0);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const state = await sandbox.control('GET', '/_control/state');
    const captured = (state.intents as Array<{ status: string }>).filter(
      (i) => i.status === 'captured',
    ).length;
    const trial = await shop.ledger.trialBalance();
    const s = sorted(latencies);
    options.log(`${backend}: ${latencies.length} orders in ${seconds.toFixed(1)} s`);
    return {
      label: backend,
      metrics: {
        orders: latencies.length,
        perSecond: latencies.length / seconds,
        p50: percentile(s, 50),
        p99: percentile(s, 99),
        doubleCharges: captured - latencies.length,
        unbalanced: trial.debits - trial.credits,
      },
      note: `${CONCURRENCY} concurrent payers`,
    } satisfies Row;
  } finally {
    await sandbox.stop();
    await receiver.close();
    await shop.storage.close();
    await place.remove();
  }
}

export const benchmark: Benchmark = {
  name: 'payment-network',
  description: 'orders paid through the sandbox payment network (separate process) on SQLite and PostgreSQL',
  async run(options): Promise<BenchResult> {
    const orders = options.quick ? 100 : 500;
    const rows: Row[] = [];
    for (const backend of backends) rows.push(await measure(backend, orders, options));
    const warnings = rows
      .filter((r) => r.metrics.doubleCharges !== 0 || r.metrics.unbalanced !== 0)
      .map((r) => `${r.label}: double charges or an unbalanced ledger`);
    return {
      params: { orders, concurrency: CONCURRENCY },
      columns: [
        { key: 'orders', header: 'orders', digits: 0 },
        { key: 'perSecond', header: 'paid/s', digits: 0 },
        { key: 'p50', header: 'p50 ms', digits: 1 },
        { key: 'p99', header: 'p99 ms', digits: 1 },
        { key: 'doubleCharges', header: 'double charges', digits: 0 },
        { key: 'unbalanced', header: 'debits-credits', digits: 0 },
      ],
      rows,
      ratios: [],
      warnings,
      samples: rows.map((r) => ({ label: r.label, ...r.metrics })),
    };
  },
};
