import type { ComponentChildren } from 'preact';
import type { ApiError } from '../../lib/api.js';

/** A loading line that keeps the space its content will take. */
export function Loading(props: { what: string }) {
  return (
    <p class="loading" aria-live="polite" aria-busy="true">
      Loading {props.what}…
    </p>
  );
}

/** What an empty list means and what to do next. */
export function Empty(props: { children: ComponentChildren }) {
  return <p class="empty">{props.children}</p>;
}

/** A failed load, in words, with a way to try again. */
export function LoadError(props: { error: ApiError; retry?: () => void }) {
  return (
    <div class="form-error" role="alert">
      <span>{props.error.message}</span>
      {props.retry ? (
        <button type="button" class="link" onClick={props.retry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}
