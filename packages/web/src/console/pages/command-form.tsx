import { useState } from 'preact/hooks';
import type { ApiError } from '../../lib/api.js';
import { Field, FormError } from '../components/field.js';
import { fieldHint, initialValue, TslInput, type TslValue, toPayload } from '../components/tsl-input.js';
import { asApiError } from '../lib/console-api.js';
import { useSession } from '../lib/context.js';
import { fieldLabel, isWritable, type ThingModel, type TslField, type TslService } from '../lib/tsl.js';
import type { CommandResult, Device } from '../lib/types.js';

/** Which field a command error is about: the hub's `field`, or the identifier its message starts with. */
function errorField(error: ApiError, fields: TslField[]): string | undefined {
  if (error.field) return error.field.split('/')[0];
  const head = /^([A-Za-z_][A-Za-z0-9_]*)[:/ ]/.exec(error.message)?.[1];
  return fields.some((f) => f.identifier === head) ? head : undefined;
}

function ResultView(props: { result: CommandResult | null }) {
  const { result } = props;
  if (!result) return null;
  if (result.status === 'queued')
    return (
      <p class="result ok" role="status">
        Queued: the device is offline and gets these values when it connects.
      </p>
    );
  const reply = result.reply;
  const ok = reply?.code === 200;
  return (
    <div class={`result ${ok ? 'ok' : 'bad'}`} role="status">
      <p>
        The device answered {reply?.code ?? '(no code)'}
        {reply?.message ? `: ${reply.message}` : ok ? ': done.' : '.'}
      </p>
      {reply?.data !== undefined && JSON.stringify(reply.data) !== '{}' ? (
        <pre class="json">{JSON.stringify(reply.data, null, 2)}</pre>
      ) : null}
    </div>
  );
}

/** A form with one control per field; sends what changed (properties) or everything filled in (services). */
function TslForm(props: {
  title: string;
  label: string;
  fields: TslField[];
  initial: Record<string, TslValue>;
  submitLabel: string;
  onlyChanged: boolean;
  withQueue: boolean;
  send: (values: Record<string, unknown>, queue: boolean) => Promise<CommandResult>;
}) {
  const [values, setValues] = useState<Record<string, TslValue>>(props.initial);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [queue, setQueue] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [result, setResult] = useState<CommandResult | null>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    setResult(null);
    const payload: Record<string, unknown> = {};
    try {
      for (const field of props.fields) {
        const value = values[field.identifier] ?? '';
        if (props.onlyChanged && !touched.has(field.identifier)) continue;
        if (!props.onlyChanged && value === '') continue;
        payload[field.identifier] = toPayload(field, value);
      }
    } catch (failure) {
      setError(asApiError(failure));
      return;
    }
    if (props.onlyChanged && Object.keys(payload).length === 0) {
      setError(asApiError(new Error('Change a value first: only changed properties are sent.')));
      return;
    }
    setBusy(true);
    try {
      setResult(await props.send(payload, queue));
      setTouched(new Set());
    } catch (failure) {
      setError(asApiError(failure));
    } finally {
      setBusy(false);
    }
  };

  const badField = error ? errorField(error, props.fields) : undefined;
  return (
    <form class="card command" aria-label={props.label} onSubmit={(event) => void submit(event)}>
      <h3>{props.title}</h3>
      {props.fields.length === 0 ? <p class="muted">No input.</p> : null}
      <div class="grid-fields">
        {props.fields.map((field) => (
          <Field
            key={field.identifier}
            label={fieldLabel(field)}
            hint={fieldHint(field)}
            error={error && badField === field.identifier ? error.message : null}
          >
            {(control) => (
              <TslInput
                field={field}
                control={control}
                value={values[field.identifier] ?? ''}
                onChange={(value) => {
                  setValues((current) => ({ ...current, [field.identifier]: value }));
                  setTouched((current) => new Set(current).add(field.identifier));
                }}
              />
            )}
          </Field>
        ))}
      </div>
      {error && !badField ? <FormError error={error} /> : null}
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Sending…' : props.submitLabel}
        </button>
        {props.withQueue ? (
          <label class="check">
            <input type="checkbox" checked={queue} onChange={(e) => setQueue(e.currentTarget.checked)} />{' '}
            Queue if the device is offline
          </label>
        ) : null}
      </div>
      <ResultView result={result} />
    </form>
  );
}

/** Command forms generated from the product's thing model: writable properties, then each service. */
export function CommandForms(props: { device: Device; model: ThingModel }) {
  const { api } = useSession();
  const base = `/api/v1/devices/${encodeURIComponent(props.device.id)}`;
  const writable = (props.model.properties ?? []).filter(isWritable);
  const services: TslService[] = props.model.services ?? [];
  const initial = Object.fromEntries(
    writable.map((p) => [p.identifier, initialValue(p, props.device.properties[p.identifier])]),
  );

  if (writable.length === 0 && services.length === 0)
    return <p class="empty">This product has no writable property and no service.</p>;
  return (
    <div class="commands">
      {writable.length ? (
        <TslForm
          title="Set properties"
          label="Set properties"
          fields={writable}
          initial={initial}
          submitLabel="Set properties"
          onlyChanged
          withQueue
          send={(values, queue) =>
            api.post<CommandResult>(`${base}/properties${queue ? '?queue=true' : ''}`, values)
          }
        />
      ) : null}
      {services.map((service) => {
        const inputs = service.inputData ?? [];
        return (
          <TslForm
            key={service.identifier}
            title={`Service ${fieldLabel(service)}`}
            label={`Call service ${fieldLabel(service)}`}
            fields={inputs}
            initial={Object.fromEntries(inputs.map((f) => [f.identifier, initialValue(f, undefined)]))}
            submitLabel={`Call ${fieldLabel(service)}`}
            onlyChanged={false}
            withQueue={false}
            send={(params) =>
              api.post<CommandResult>(`${base}/services/${encodeURIComponent(service.identifier)}`, {
                params,
              })
            }
          />
        );
      })}
    </div>
  );
}
