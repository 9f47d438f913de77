import { useState } from 'preact/hooks';
import type { HubEvent } from '../../lib/events.js';
import { Field } from '../components/field.js';
import { Empty } from '../components/status.js';
import { useLiveEvent, useLiveState, useSession } from '../lib/context.js';
import { formatTime, summarise } from '../lib/format.js';
import { LIVE_LOG_LIMIT } from '../lib/live.js';
import type { Home } from '../lib/types.js';
import { useLoad } from '../lib/use-load.js';

const STATE_WORDS = {
  connecting: 'Connecting…',
  open: 'Connected',
  closed: 'Disconnected, retrying…',
  unauthorized: 'The hub closed the stream: token revoked',
} as const;

/** The live log: events newest first, filtered by name prefix and home, paused and resumed, at most 500. */
export function EventsPage() {
  const { api, live } = useSession();
  const state = useLiveState();
  const homes = useLoad(() => api.get<Home[]>('/api/v1/homes'), [api]);
  const [rows, setRows] = useState<HubEvent[]>(() => live.recent);
  const [pending, setPending] = useState<HubEvent[]>([]);
  const [paused, setPaused] = useState(false);
  const [prefix, setPrefix] = useState('');
  const [homeId, setHomeId] = useState('');

  useLiveEvent((event) => {
    if (event.name.startsWith('home.')) homes.reload();
    if (paused) setPending((current) => [event, ...current].slice(0, LIVE_LOG_LIMIT));
    else setRows((current) => [event, ...current].slice(0, LIVE_LOG_LIMIT));
  });

  const resume = () => {
    setRows((current) => [...pending, ...current].slice(0, LIVE_LOG_LIMIT));
    setPending([]);
    setPaused(false);
  };
  const wanted = prefix.trim().replace(/\*$/, '');
  const shown = rows.filter(
    (event) => (!wanted || event.name.startsWith(wanted)) && (!homeId || event.payload.homeId === homeId),
  );
  const homeName = (id: unknown) =>
    typeof id === 'string' ? (homes.data?.find((h) => h.id === id)?.name ?? id.slice(0, 8)) : '';

  return (
    <div class="page">
      <div class="title-row">
        <h1>Live log</h1>
        <span
          class={`badge ${state === 'open' ? 'online' : 'offline'}`}
          role="status"
          data-testid="live-state"
        >
          {STATE_WORDS[state]}
        </span>
      </div>
      <div class="row toolbar">
        <Field label="Event name starts with" hint="For example device. or home.created">
          {(control) => (
            <input
              {...control}
              type="search"
              spellcheck={false}
              value={prefix}
              onInput={(e) => setPrefix(e.currentTarget.value)}
            />
          )}
        </Field>
        <Field label="Only events of home">
          {(control) => (
            <select {...control} value={homeId} onChange={(e) => setHomeId(e.currentTarget.value)}>
              <option value="">All homes</option>
              {(homes.data ?? []).map((home) => (
                <option key={home.id} value={home.id}>
                  {home.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div class="actions end">
          {paused ? (
            <button type="button" class="primary" onClick={resume}>
              Resume{pending.length ? ` (${pending.length} new)` : ''}
            </button>
          ) : (
            <button type="button" onClick={() => setPaused(true)}>
              Pause
            </button>
          )}
          <button type="button" onClick={() => setRows([])}>
            Clear
          </button>
        </div>
      </div>
      <p class="muted" aria-live="polite">
        {shown.length} of {rows.length} events shown (the newest {LIVE_LOG_LIMIT} are kept)
        {paused ? '. Paused: new events wait until you resume.' : '.'}
      </p>
      {shown.length === 0 ? (
        <Empty>
          {rows.length === 0
            ? 'No events yet. They appear here as they happen: create a home or switch a device on.'
            : 'No event matches these filters. Clear the name or pick "All homes".'}
        </Empty>
      ) : (
        <ol class="log" aria-label="Events, newest first">
          {shown.map((event) => (
            <li key={event.id} class="log-row">
              <details>
                <summary>
                  <time dateTime={new Date(event.at).toISOString()}>{formatTime(event.at)}</time>
                  <span class="event-name">{event.name}</span>
                  <span class="event-home">{homeName(event.payload.homeId)}</span>
                  <span class="event-summary">{summarise(event.payload)}</span>
                </summary>
                <pre class="json">{JSON.stringify(event, null, 2)}</pre>
              </details>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
