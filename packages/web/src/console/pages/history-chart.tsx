import { useEffect, useMemo, useState } from 'preact/hooks';
import { Field } from '../components/field.js';
import { type ChartPoint, LineChart } from '../components/line-chart.js';
import { Empty, LoadError, Loading } from '../components/status.js';
import { useSession } from '../lib/context.js';
import { fieldLabel, isNumeric, numericSpecs, type TslProperty } from '../lib/tsl.js';
import type { HistoryPoint } from '../lib/types.js';
import { useLoad } from '../lib/use-load.js';

const RANGES = [
  ['1h', 'Last hour', 3_600_000],
  ['24h', 'Last 24 hours', 86_400_000],
  ['7d', 'Last 7 days', 7 * 86_400_000],
  ['30d', 'Last 30 days', 30 * 86_400_000],
] as const;

function numericPoints(points: HistoryPoint[]): ChartPoint[] {
  const out: ChartPoint[] = [];
  for (const p of points) {
    const value = typeof p.value === 'number' ? p.value : Number(p.value);
    if (Number.isFinite(value)) out.push({ time: p.time, value });
  }
  return out;
}

/** A numeric property's history over a chosen period, extended live as the device reports. */
export function HistoryChart(props: {
  deviceId: string;
  properties: TslProperty[];
  latest: { at: number; properties: Record<string, unknown> } | null;
}) {
  const { api } = useSession();
  const numeric = props.properties.filter(isNumeric);
  const [identifier, setIdentifier] = useState(numeric[0]?.identifier ?? '');
  const [range, setRange] = useState<string>('24h');
  const [live, setLive] = useState<ChartPoint[]>([]);
  const span = RANGES.find(([key]) => key === range)?.[2] ?? 86_400_000;
  // The period is fixed when it is chosen; live readings are appended after it.
  const to = useMemo(() => Date.now(), [identifier, range]);
  const history = useLoad(
    () =>
      identifier
        ? api.get<HistoryPoint[]>(
            `/api/v1/devices/${encodeURIComponent(props.deviceId)}/history/${encodeURIComponent(identifier)}?from=${to - span}&to=${to}&limit=2000`,
          )
        : Promise.resolve([]),
    [api, props.deviceId, identifier, to, span],
  );

  useEffect(() => setLive([]), [identifier, range]);
  useEffect(() => {
    const value = props.latest?.properties[identifier];
    if (props.latest && typeof value === 'number') {
      const point = { time: props.latest.at, value };
      setLive((current) => [...current, point]);
    }
  }, [props.latest, identifier]);

  if (numeric.length === 0) return <Empty>This product has no numeric property to chart.</Empty>;
  const property = numeric.find((p) => p.identifier === identifier);
  const points = [...numericPoints(history.data ?? []), ...live.filter((p) => p.time > to)];

  return (
    <div class="history">
      <div class="row">
        <Field label="Property to chart">
          {(control) => (
            <select {...control} value={identifier} onChange={(e) => setIdentifier(e.currentTarget.value)}>
              {numeric.map((p) => (
                <option key={p.identifier} value={p.identifier}>
                  {fieldLabel(p)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Period">
          {(control) => (
            <select {...control} value={range} onChange={(e) => setRange(e.currentTarget.value)}>
              {RANGES.map(([key, label]) => (
                <option key={key} value={key}>
                  {label}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div class="chart-area">
        {history.error ? <LoadError error={history.error} retry={history.reload} /> : null}
        {history.loading && !history.data ? <Loading what="history" /> : null}
        {history.data && points.length === 0 ? (
          <Empty>No readings in this period. Values appear here when the device reports them.</Empty>
        ) : null}
        {points.length > 0 ? (
          <LineChart
            points={points}
            label={property ? fieldLabel(property) : identifier}
            unit={property ? numericSpecs(property.dataType).unit : undefined}
          />
        ) : null}
      </div>
    </div>
  );
}
