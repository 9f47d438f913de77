import type { Hub } from '../hub.js';
import { useI18n } from '../i18n.js';
import { formatRemaining, useNow, useTimers } from './useTimers.js';

/** Running timers with a countdown and cancel, and notifications of finished ones with Dismiss. */
export function Timers({ hub }: { hub: Hub }) {
  const i18n = useI18n();
  const { s } = i18n;
  const { timers, finished, loading, error, cancel, dismiss } = useTimers(hub);
  const now = useNow(timers.length > 0);

  return (
    <>
      <section class="notifications" aria-label={s.notifications} aria-live="assertive">
        {finished.map((item) => (
          <div
            class="notification"
            role="alert"
            key={item.timerId}
            data-testid={`notification-${item.timerId}`}
          >
            <div>
              <strong>{item.name ?? s.timerFinished}</strong>
              <p>{item.speech}</p>
            </div>
            <button type="button" class="primary" onClick={() => dismiss(item.timerId)}>
              {s.dismiss}
            </button>
          </div>
        ))}
      </section>
      <section class="panel timers" aria-labelledby="timers-title">
        <h2 id="timers-title" class="panel-title">
          {s.timersTitle}
        </h2>
        {error ? (
          <p class="error" role="alert">
            {error}
          </p>
        ) : null}
        {loading ? (
          <p class="muted">{s.loading}</p>
        ) : timers.length === 0 ? (
          <p class="empty">{s.noTimers}</p>
        ) : (
          <ul class="timer-list">
            {timers.map((timer) => {
              const name = timer.name ?? s.timer;
              return (
                <li key={timer.id} class="timer" data-testid={`timer-${timer.id}`}>
                  <span class="timer-name">{name}</span>
                  <span class="timer-remaining" role="timer" aria-label={name}>
                    {formatRemaining(timer.endsAt - now)}
                  </span>
                  <button
                    type="button"
                    class="icon-button"
                    aria-label={i18n.f('cancelTimer', { name })}
                    onClick={() => void cancel(timer.id)}
                  >
                    ✕
                  </button>
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </>
  );
}
