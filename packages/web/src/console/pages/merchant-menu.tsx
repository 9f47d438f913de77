import { useEffect, useState } from 'preact/hooks';
import { Field } from '../components/field.js';
import { LoadError, Loading } from '../components/status.js';
import { JsonEditor } from '../components/tsl-editor.js';
import { formatMoney, type Menu, nameOf, slashPath } from '../lib/commerce.js';
import { asApiError } from '../lib/console-api.js';
import { useSession } from '../lib/context.js';
import { JsonSyntaxError, lineColumn, locateJson, type Span, spanOf } from '../lib/json-locate.js';
import { useLoad } from '../lib/use-load.js';

interface MenuProblem {
  where: string;
  message: string;
  span: Span | null;
}

/** The menu as JSON: checked here for syntax, by the hub for meaning; the hub's field is marked in the text. */
export function MerchantMenu(props: { merchantId: string; currency: string; onChanged: () => void }) {
  const { api } = useSession();
  const path = `/api/v1/merchants/${encodeURIComponent(props.merchantId)}/menu`;
  const saved = useLoad(() => api.get<Menu>(path), [api, path]);
  const [text, setText] = useState<string | null>(null);
  const [problem, setProblem] = useState<MenuProblem | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (saved.data && text === null) setText(`${JSON.stringify(saved.data, null, 2)}\n`);
  }, [saved.data]);

  const save = async (event: Event) => {
    event.preventDefault();
    const current = text ?? '';
    setProblem(null);
    setDone(false);
    let located: ReturnType<typeof locateJson>;
    try {
      located = locateJson(current);
    } catch (failure) {
      if (!(failure instanceof JsonSyntaxError)) throw failure;
      setProblem({
        where: `line ${failure.line}, column ${failure.column}`,
        message: `JSON syntax error: ${failure.reason}.`,
        span: { start: failure.offset, end: Math.min(current.length, failure.offset + 1) },
      });
      return;
    }
    setBusy(true);
    try {
      const menu = await api.send<Menu>('PUT', path, {
        body: JSON.stringify(located.value),
        contentType: 'application/json',
      });
      saved.update(() => menu);
      setDone(true);
      props.onChanged();
    } catch (failure) {
      const error = asApiError(failure);
      const found = error.field ? spanOf(located.spans, slashPath(error.field)) : undefined;
      const at = found ? lineColumn(current, found.span.start) : null;
      setProblem({
        where: at ? `line ${at.line}` : '',
        message: error.message,
        span: found && found.path !== '' ? found.span : null,
      });
    } finally {
      setBusy(false);
    }
  };

  if (saved.error && text === null) return <LoadError error={saved.error} retry={saved.reload} />;
  if (text === null) return <Loading what="the menu" />;
  return (
    <>
      <form onSubmit={(event) => void save(event)} aria-label="Edit the menu">
        <Field
          label="Menu JSON"
          class="tsl-field"
          hint='{ "items": [{ "ref", "name": { "en", "it", ... }, "price" (cents), "category", "options", "dayparts" }], "dayparts": { ... } }'
        >
          {(control) => (
            <>
              <JsonEditor
                control={{
                  ...control,
                  'aria-invalid': Boolean(problem),
                  'aria-describedby': [control['aria-describedby'], problem ? 'menu-problem' : '']
                    .filter(Boolean)
                    .join(' '),
                }}
                value={text}
                onInput={(value) => {
                  setText(value);
                  setProblem(null);
                  setDone(false);
                }}
                highlight={problem?.span ?? null}
                rows={14}
              />
              {problem ? (
                <div class="field-error tsl-problem menu-problem" id="menu-problem" role="alert">
                  <p>
                    {problem.where ? <strong class="error-where">At {problem.where}: </strong> : null}
                    {problem.message}
                  </p>
                </div>
              ) : null}
            </>
          )}
        </Field>
        <div class="actions">
          <button type="submit" class="primary" disabled={busy}>
            {busy ? 'Saving…' : 'Save menu'}
          </button>
          <span role="status">{done ? 'Menu saved.' : ''}</span>
        </div>
      </form>
      <MenuPreview menu={saved.data} currency={props.currency} />
    </>
  );
}

/** The saved menu as households will see it, prices in the merchant's currency. */
function MenuPreview(props: { menu: Menu | undefined; currency: string }) {
  const items = props.menu?.items ?? [];
  if (items.length === 0) return <p class="empty">The saved menu has no items yet.</p>;
  return (
    <div class="scroll-x">
      <table class="table compact" aria-label="Menu preview">
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col">Category</th>
            <th scope="col">Price</th>
            <th scope="col">Options</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.ref}>
              <td>
                {nameOf(item.name)} <code class="muted">{item.ref}</code>
              </td>
              <td>{item.category ?? ''}</td>
              <td class="price">{formatMoney(item.price, props.currency)}</td>
              <td>
                {(item.options ?? [])
                  .map(
                    (group) =>
                      `${nameOf(group.name)}: ${group.choices
                        .map((c) =>
                          c.price
                            ? `${nameOf(c.name)} +${formatMoney(c.price, props.currency)}`
                            : nameOf(c.name),
                        )
                        .join(', ')}`,
                  )
                  .join('; ')}
                {item.dayparts?.length ? ` (${item.dayparts.join(', ')})` : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
