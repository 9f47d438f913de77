import { useEffect, useState } from 'preact/hooks';
import { type I18n, useI18n } from '../i18n.js';
import type { Control } from './controls.js';

type Of<K extends Control['kind']> = Extract<Control, { kind: K }>;

interface Common {
  deviceName: string;
  value: unknown;
  disabled: boolean;
  set: (values: Record<string, unknown>) => void;
}

const asNumber = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;

/** "22.5 °C", "40 %", "4000 K", in the UI language's number format. */
function show(value: number | null, unit: string, language: string): string {
  if (value === null) return '–';
  const number = new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(value);
  return unit ? `${number} ${unit}` : number;
}

function label(i18n: I18n, capability: string): string {
  return capability in i18n.s ? i18n.s[capability as keyof I18n['s']] : capability;
}

/** The power toggle, or another on/off (a fan's swing): a switch with aria-checked. */
export function PowerSwitch({
  control,
  deviceName,
  value,
  disabled,
  set,
}: Common & { control: Of<'power'> | Of<'toggle'> }) {
  const i18n = useI18n();
  const { s } = i18n;
  const on = value === true;
  const name = label(i18n, control.capability);
  return (
    <div class={`control control-${control.kind}`}>
      <span class="control-label" aria-hidden="true">
        {name}
      </span>
      <button
        type="button"
        role="switch"
        class="switch"
        aria-checked={on}
        aria-label={`${name}: ${deviceName}`}
        disabled={disabled}
        onClick={() => set({ [control.capability]: !on })}
      >
        <span class="switch-track" aria-hidden="true">
          <span class="switch-thumb" />
        </span>
        <span class="switch-text">{on ? s.on : s.off}</span>
      </button>
    </div>
  );
}

/**
 * A door lock: its state ("Locked", "Unlocked", or what the lock itself says, such as "Jammed") and
 * one button for the other state. Unlocking is asked first: a tap by mistake must not open the door.
 */
export function LockControl({ control, deviceName, value, disabled, set }: Common & { control: Of<'lock'> }) {
  const i18n = useI18n();
  const { s } = i18n;
  const locked = value === 'locked';
  const unlocked = value === 'unlocked';
  const state = locked ? s.locked : unlocked ? s.unlocked : typeof value === 'string' ? value : '–';
  const toggle = () => {
    if (locked && !window.confirm(i18n.f('unlockConfirm', { name: deviceName }))) return;
    set({ [control.capability]: locked ? 'unlocked' : 'locked' });
  };
  return (
    <div class="control control-lock">
      <span class="control-label">{label(i18n, control.capability)}</span>
      <span class={`control-value lock-state${locked ? ' is-locked' : ''}`} data-testid="lock-state">
        {state}
      </span>
      {control.writable ? (
        <button
          type="button"
          disabled={disabled}
          aria-label={`${locked ? s.unlock : s.lockAction}: ${deviceName}`}
          onClick={toggle}
        >
          {locked ? s.unlock : s.lockAction}
        </button>
      ) : null}
    </div>
  );
}

/** A slider that sends its value when released (not on every step of a drag). */
export function RangeControl({
  control,
  deviceName,
  value,
  disabled,
  set,
}: Common & { control: Of<'range'> }) {
  const i18n = useI18n();
  const reported = asNumber(value);
  const [draft, setDraft] = useState<number | null>(null);
  useEffect(() => setDraft(null), [reported]);
  const shown = draft ?? reported;
  const id = `${control.capability}-${deviceName}`.replace(/\W+/g, '-');
  const name = label(i18n, control.capability);
  return (
    <div class="control control-range">
      <label class="control-label" for={id}>
        {name}
        <output for={id} class="control-value">
          {show(shown, control.unit, i18n.language)}
        </output>
      </label>
      <input
        id={id}
        type="range"
        min={control.min}
        max={control.max}
        step={control.step}
        value={shown ?? control.min}
        disabled={disabled}
        aria-label={`${name}: ${deviceName}`}
        onInput={(event) => setDraft(Number(event.currentTarget.value))}
        onChange={(event) => set({ [control.capability]: Number(event.currentTarget.value) })}
      />
    </div>
  );
}

/** An enum fan speed as a select. */
export function ChoiceControl({
  control,
  deviceName,
  value,
  disabled,
  set,
}: Common & { control: Of<'choice'> }) {
  const i18n = useI18n();
  const id = `${control.capability}-${deviceName}`.replace(/\W+/g, '-');
  return (
    <div class="control control-choice">
      <label class="control-label" for={id}>
        {label(i18n, control.capability)}
      </label>
      <select
        id={id}
        value={typeof value === 'string' ? value : ''}
        disabled={disabled}
        onChange={(event) => set({ [control.capability]: event.currentTarget.value })}
      >
        {typeof value === 'string' ? null : <option value="">–</option>}
        {control.options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A target temperature with − and + buttons, clamped to the thing model's range. */
export function StepperControl({
  control,
  deviceName,
  value,
  disabled,
  set,
}: Common & { control: Of<'stepper'> }) {
  const i18n = useI18n();
  const current = asNumber(value);
  const name = label(i18n, control.capability);
  const what = `${name} (${deviceName})`;
  const move = (direction: 1 | -1) => {
    const base = current ?? (control.min + control.max) / 2;
    const next = Math.min(control.max, Math.max(control.min, base + direction * control.step));
    set({ [control.capability]: Math.round(next * 100) / 100 });
  };
  return (
    <div class="control control-stepper">
      <span class="control-label">{name}</span>
      <div class="stepper">
        <button
          type="button"
          aria-label={i18n.f('lower', { what })}
          disabled={disabled || (current !== null && current <= control.min)}
          onClick={() => move(-1)}
        >
          −
        </button>
        <output class="control-value" aria-live="polite">
          {show(current, control.unit, i18n.language)}
        </output>
        <button
          type="button"
          aria-label={i18n.f('raise', { what })}
          disabled={disabled || (current !== null && current >= control.max)}
          onClick={() => move(1)}
        >
          +
        </button>
      </div>
    </div>
  );
}

/** A read-only value (temperature, battery). */
export function Reading({ control, value }: { control: Of<'reading'>; value: unknown }) {
  const i18n = useI18n();
  return (
    <div class="control control-reading">
      <span class="control-label">{label(i18n, control.capability)}</span>
      <span class="control-value">{show(asNumber(value), control.unit, i18n.language)}</span>
    </div>
  );
}

/** Start / pause / dock buttons for a vacuum's services. */
export function ServiceButtons({
  control,
  disabled,
  invoke,
}: {
  control: Of<'services'>;
  disabled: boolean;
  invoke: (service: string) => void;
}) {
  const { s } = useI18n();
  return (
    <div class="control control-services">
      {control.services.map((service) => (
        <button key={service} type="button" disabled={disabled} onClick={() => invoke(service)}>
          {s[service]}
        </button>
      ))}
    </div>
  );
}
