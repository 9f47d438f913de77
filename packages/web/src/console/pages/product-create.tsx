import { useRef, useState } from 'preact/hooks';
import { ApiError } from '../../lib/api.js';
import { Field, FormError } from '../components/field.js';
import { JsonEditor, selectSpan } from '../components/tsl-editor.js';
import { CATEGORIES } from '../lib/capabilities.js';
import { asApiError } from '../lib/console-api.js';
import { useSession } from '../lib/context.js';
import { JsonSyntaxError, lineColumn, locateJson, type Span, spanOf } from '../lib/json-locate.js';
import { THING_MODEL_EXAMPLES } from '../lib/thing-model-examples.js';
import type { Product } from '../lib/tsl.js';

/** An error shown next to the TSL textarea: what is wrong, where, and the part to highlight. */
interface TslProblem {
  message: string;
  where: string;
  span: Span | null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The request body from the pasted JSON: a bare thing model, or a whole product body with `thingModel`. */
function bodyFrom(value: Record<string, unknown>, name: string, category: string) {
  const whole = isRecord(value.thingModel);
  return {
    whole,
    body: {
      name: name || (whole && typeof value.name === 'string' ? value.name : ''),
      category: category || (whole && typeof value.category === 'string' ? value.category : ''),
      thingModel: whole ? value.thingModel : value,
      ...(whole && isRecord(value.capabilities) ? { capabilities: value.capabilities } : {}),
    },
  };
}

/** Create a product from a thing model pasted or loaded from a file; errors point into the text. */
export function CreateProduct(props: { onCreated: (product: Product) => void }) {
  const { api } = useSession();
  const [name, setName] = useState('');
  const [category, setCategory] = useState('');
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<TslProblem | null>(null);
  const [fieldError, setFieldError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [fileNote, setFileNote] = useState('');
  const formRef = useRef<HTMLFormElement>(null);

  const textarea = () => formRef.current?.querySelector<HTMLTextAreaElement>('textarea') ?? null;

  const loadFile = async (file: File | undefined) => {
    if (!file) return;
    setText(await file.text());
    setProblem(null);
    setFileNote(`Loaded ${file.name} (${file.size} bytes).`);
  };

  const insertExample = (key: string) => {
    const example = THING_MODEL_EXAMPLES.find((e) => e.key === key);
    if (!example) return;
    setText(`${JSON.stringify(example.body, null, 2)}\n`);
    setProblem(null);
    setFieldError(null);
    if (!name.trim()) setName(example.body.name);
    setCategory(example.body.category);
    setFileNote(
      `Inserted the ${example.label.toLowerCase()} example (examples/thing-models/${example.key}.json).`,
    );
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    setProblem(null);
    setFieldError(null);
    let located: ReturnType<typeof locateJson>;
    try {
      located = locateJson(text);
    } catch (failure) {
      if (failure instanceof JsonSyntaxError) {
        setProblem({
          message: `JSON syntax error: ${failure.reason}.`,
          where: `line ${failure.line}, column ${failure.column}`,
          span: { start: failure.offset, end: Math.min(text.length, failure.offset + 1) },
        });
        return;
      }
      throw failure;
    }
    if (!isRecord(located.value)) {
      setProblem({
        message: 'The thing model must be a JSON object: { "properties": [ ... ] }.',
        where: '',
        span: null,
      });
      return;
    }
    const { whole, body } = bodyFrom(located.value, name.trim(), category);
    if (!body.category) {
      setFieldError(new ApiError(400, 'validation_failed', 'Choose a category.', 'category'));
      return;
    }
    setBusy(true);
    try {
      props.onCreated(await api.post<Product>('/api/v1/products', body));
    } catch (failure) {
      const error = asApiError(failure);
      const field = error.field ?? '';
      if (field.startsWith('thingModel') || (whole && field.startsWith('capabilities'))) {
        // The hub names a path in the request body; in a bare thing model that path starts one level down.
        const path = whole ? field : field.replace(/^thingModel\/?/, '');
        const found = spanOf(located.spans, path);
        const at = found ? lineColumn(text, found.span.start) : null;
        setProblem({
          message: error.message.includes(field) ? error.message : `${error.message} (field ${field})`,
          where: at ? `line ${at.line}` : '',
          span: found && found.path !== '' ? found.span : null,
        });
      } else setFieldError(error);
    } finally {
      setBusy(false);
    }
  };

  const ownError = (f: string) => (fieldError?.field === f ? fieldError.message : null);
  return (
    <form ref={formRef} class="card" aria-label="Create a product" onSubmit={(event) => void submit(event)}>
      <h2>New product</h2>
      <div class="row">
        <Field label="Product name" error={ownError('name')}>
          {(control) => (
            <input
              {...control}
              maxLength={100}
              value={name}
              onInput={(e) => setName(e.currentTarget.value)}
            />
          )}
        </Field>
        <Field label="Category" error={ownError('category')}>
          {(control) => (
            <select {...control} value={category} onChange={(e) => setCategory(e.currentTarget.value)}>
              <option value="">Choose a category</option>
              {CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Insert example" hint="Fills the text with a sample thing model of that category.">
          {(control) => (
            <select
              {...control}
              value=""
              onChange={(e) => {
                insertExample(e.currentTarget.value);
                e.currentTarget.value = '';
              }}
            >
              <option value="">Choose a sample</option>
              {THING_MODEL_EXAMPLES.map((example) => (
                <option key={example.key} value={example.key}>
                  {example.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="TSL file" hint={fileNote || 'Optional: load a .json file instead of pasting.'}>
          {(control) => (
            <input
              {...control}
              type="file"
              accept=".json,application/json"
              onChange={(e) => void loadFile(e.currentTarget.files?.[0])}
            />
          )}
        </Field>
      </div>
      <Field
        label="Product TSL"
        class="tsl-field"
        hint='The Alink thing model: { "properties": [...], "services": [...], "events": [...] }. A whole product body with "thingModel" and "capabilities" works too.'
      >
        {(control) => (
          <>
            <JsonEditor
              control={{
                ...control,
                'aria-invalid': Boolean(problem),
                'aria-describedby': [control['aria-describedby'], problem ? 'tsl-problem' : '']
                  .filter(Boolean)
                  .join(' '),
              }}
              value={text}
              onInput={(value) => {
                setText(value);
                setProblem(null);
              }}
              highlight={problem?.span ?? null}
            />
            <div class="tsl-problem-slot">
              {problem ? (
                <div class="field-error tsl-problem" id="tsl-problem" role="alert">
                  <p>
                    {problem.where ? <strong class="error-where">At {problem.where}: </strong> : null}
                    {problem.message}
                  </p>
                  {problem.span ? (
                    <button
                      type="button"
                      class="link"
                      onClick={() => problem.span && selectSpan(textarea(), problem.span)}
                    >
                      Show it in the text
                    </button>
                  ) : null}
                </div>
              ) : null}
            </div>
          </>
        )}
      </Field>
      <FormError error={fieldError} fields={['name', 'category']} />
      <button type="submit" class="primary" disabled={busy}>
        {busy ? 'Creating…' : 'Create product'}
      </button>
    </form>
  );
}
