import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';
import type { ApiError } from '../../lib/api.js';

/** Props a field's control receives to be labelled and described. */
export interface ControlProps {
  id: string;
  'aria-describedby': string | undefined;
  'aria-invalid': boolean;
}

/** A labelled control with its hint and its error beneath; the error is announced and tied to the control. */
export function Field(props: {
  label: string;
  error?: string | null | undefined;
  hint?: ComponentChildren;
  class?: string;
  children: (control: ControlProps) => ComponentChildren;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [props.hint ? hintId : '', props.error ? errorId : ''].filter(Boolean).join(' ');
  return (
    <div class={`field ${props.class ?? ''}`}>
      <label for={id}>{props.label}</label>
      {props.children({
        id,
        'aria-describedby': describedBy || undefined,
        'aria-invalid': Boolean(props.error),
      })}
      {props.hint ? (
        <p class="hint" id={hintId}>
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p class="field-error" id={errorId} role="alert">
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

/** A required name of up to 100 characters (the hub's limit for every name), labelled and checked. */
export function NameField(props: {
  label: string;
  hint?: ComponentChildren;
  error: string | null;
  value: string;
  onInput: (value: string) => void;
}) {
  return (
    <Field label={props.label} hint={props.hint} error={props.error}>
      {(control) => (
        <input
          {...control}
          required
          maxLength={100}
          value={props.value}
          onInput={(event) => props.onInput(event.currentTarget.value)}
        />
      )}
    </Field>
  );
}

/** The hub's message when its `field` is one of `names` (the first matching name), else null. */
export function errorFor(error: ApiError | null, ...names: string[]): string | null {
  if (!error?.field) return null;
  return names.some((name) => error.field === name || error.field?.startsWith(`${name}/`))
    ? error.message
    : null;
}

/** A form's error that no field shows: the hub's message in words. */
export function FormError(props: { error: ApiError | null; fields?: readonly string[] }) {
  const { error } = props;
  if (!error) return null;
  const shownAtField =
    error.field && props.fields?.some((f) => error.field === f || error.field?.startsWith(`${f}/`));
  if (shownAtField) return null;
  return (
    <p class="form-error" role="alert">
      {error.message}
      {error.field ? <span class="error-field"> (field: {error.field})</span> : null}
    </p>
  );
}
