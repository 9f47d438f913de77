import { labelsOf, numericSpecs, type TslField, textLength } from '../lib/tsl.js';
import type { ControlProps } from './field.js';

/** A form value for a TSL field: text for inputs and selects, boolean for a switch. */
export type TslValue = string | boolean;

/** The starting form value of a field, from the device's reported value when there is one. */
export function initialValue(field: TslField, reported: unknown): TslValue {
  const type = field.dataType.type;
  if (type === 'bool') return reported === 1 || reported === true || reported === '1';
  if (type === 'enum')
    return reported === undefined ? (labelsOf(field.dataType)[0]?.[0] ?? '') : String(reported);
  if (reported === undefined || reported === null) return '';
  return typeof reported === 'object' ? JSON.stringify(reported) : String(reported);
}

/** The value the hub expects for a form value; throws an Error in words when it cannot be read. */
export function toPayload(field: TslField, value: TslValue): unknown {
  const type = field.dataType.type;
  if (type === 'bool') return value === true ? 1 : 0;
  const text = String(value).trim();
  if (type === 'enum' || type === 'int' || type === 'float' || type === 'double') {
    const n = Number(text);
    if (text === '' || !Number.isFinite(n)) throw new Error(`${field.identifier}: enter a number.`);
    return n;
  }
  if (type === 'struct' || type === 'array') {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new Error(`${field.identifier}: enter JSON, for example {"r":255,"g":0,"b":0}.`);
    }
  }
  return String(value);
}

/** The control for one TSL field: number with min/max/step, switch, select, or text. */
export function TslInput(props: {
  field: TslField;
  control: ControlProps;
  value: TslValue;
  onChange: (value: TslValue) => void;
}) {
  const { field, control, value } = props;
  const type = field.dataType.type;
  if (type === 'bool') {
    const labels = Object.fromEntries(labelsOf(field.dataType));
    return (
      <span class="switch-row">
        <input
          {...control}
          type="checkbox"
          role="switch"
          aria-checked={value === true}
          class="switch"
          checked={value === true}
          onChange={(e) => props.onChange(e.currentTarget.checked)}
        />
        <span aria-hidden="true">{value === true ? (labels['1'] ?? 'on') : (labels['0'] ?? 'off')}</span>
      </span>
    );
  }
  if (type === 'enum')
    return (
      <select {...control} value={String(value)} onChange={(e) => props.onChange(e.currentTarget.value)}>
        {labelsOf(field.dataType).map(([key, label]) => (
          <option key={key} value={key}>
            {label} ({key})
          </option>
        ))}
      </select>
    );
  if (type === 'int' || type === 'float' || type === 'double') {
    const specs = numericSpecs(field.dataType);
    return (
      <span class="unit-row">
        <input
          {...control}
          type="number"
          inputMode={type === 'int' ? 'numeric' : 'decimal'}
          min={specs.min}
          max={specs.max}
          step={specs.step ?? 'any'}
          value={String(value)}
          onInput={(e) => props.onChange(e.currentTarget.value)}
        />
        {specs.unit ? <span class="unit">{specs.unit}</span> : null}
      </span>
    );
  }
  return (
    <input
      {...control}
      type="text"
      maxLength={type === 'text' ? textLength(field.dataType) : undefined}
      spellcheck={false}
      value={String(value)}
      onInput={(e) => props.onChange(e.currentTarget.value)}
    />
  );
}

/** A hint under a field: its range, step and unit, or its text length. */
export function fieldHint(field: TslField): string | undefined {
  const type = field.dataType.type;
  if (type === 'int' || type === 'float' || type === 'double') {
    const s = numericSpecs(field.dataType);
    const parts = [
      s.min !== undefined || s.max !== undefined ? `${s.min ?? '−∞'} to ${s.max ?? '∞'}` : '',
      s.step !== undefined ? `step ${s.step}` : '',
      s.unit ? `in ${s.unit}` : '',
    ].filter(Boolean);
    return `${type}${parts.length ? `, ${parts.join(', ')}` : ''}`;
  }
  if (type === 'text') return `text, at most ${textLength(field.dataType) ?? 10240} characters`;
  if (type === 'struct' || type === 'array') return `${type}, as JSON`;
  return undefined;
}
