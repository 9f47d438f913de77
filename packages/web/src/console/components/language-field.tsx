import { LANGUAGE_NAMES, LANGUAGES, type Language } from '../lib/types.js';
import { Field } from './field.js';

/** A home's language: the one its screen and its assistant speak. */
export function LanguageField(props: {
  label: string;
  error: string | null;
  value: Language;
  onChange: (language: Language) => void;
}) {
  return (
    <Field label={props.label} error={props.error}>
      {(control) => (
        <select
          {...control}
          value={props.value}
          onChange={(event) => props.onChange(event.currentTarget.value as Language)}
        >
          {LANGUAGES.map((code) => (
            <option key={code} value={code}>
              {LANGUAGE_NAMES[code]} ({code})
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
