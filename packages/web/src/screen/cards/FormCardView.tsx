import { useState } from 'preact/hooks';
import { useI18n } from '../i18n.js';
import type { FormCard, FormField, Say } from './types.js';

function Field({
  field,
  id,
  value,
  onChange,
}: {
  field: FormField;
  id: string;
  value: string;
  onChange: (value: string) => void;
}) {
  if (field.type === 'select')
    return (
      <select id={id} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        {(field.options ?? []).map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    );
  return (
    <input
      id={id}
      type={field.type === 'number' ? 'number' : 'text'}
      inputMode={field.type === 'number' ? 'decimal' : 'text'}
      value={value}
      onInput={(e) => onChange(e.currentTarget.value)}
    />
  );
}

/** A small form; submitting says its values as the next turn ("Name: Ada, Guests: 2"). */
export function FormCardView({ card, say, cardId }: { card: FormCard; say: Say; cardId: string }) {
  const { s, language } = useI18n();
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(card.fields.map((f) => [f.name, f.type === 'select' ? (f.options?.[0] ?? '') : ''])),
  );
  const separator = language === 'zh' ? '，' : ', ';
  const colon = language === 'zh' ? '：' : language === 'fr' ? ' : ' : ': ';
  return (
    <form
      class="card-form"
      onSubmit={(event) => {
        event.preventDefault();
        const text = card.fields.map((f) => `${f.label}${colon}${values[f.name] ?? ''}`).join(separator);
        if (text) say(text);
      }}
    >
      <h3 class="card-title">{card.title}</h3>
      {card.fields.map((field) => {
        const id = `${cardId}-${field.name}`;
        return (
          <div class="field" key={field.name}>
            <label for={id}>{field.label}</label>
            <Field
              field={field}
              id={id}
              value={values[field.name] ?? ''}
              onChange={(value) => setValues((all) => ({ ...all, [field.name]: value }))}
            />
          </div>
        );
      })}
      <button type="submit" class="primary">
        {card.submitLabel ?? s.submit}
      </button>
    </form>
  );
}
