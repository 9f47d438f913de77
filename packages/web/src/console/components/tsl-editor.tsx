import { useEffect, useRef } from 'preact/hooks';
import type { Span } from '../lib/json-locate.js';
import type { ControlProps } from './field.js';

const LINE_HEIGHT_PX = 20;

/**
 * A textarea for JSON with one highlighted span drawn behind the text (a textarea cannot colour its
 * own text): a backdrop with the same font, padding and scroll position carries a <mark>.
 */
export function JsonEditor(props: {
  control: ControlProps;
  value: string;
  onInput: (value: string) => void;
  highlight: Span | null;
  rows?: number;
}) {
  const area = useRef<HTMLTextAreaElement>(null);
  const backdrop = useRef<HTMLDivElement>(null);
  const { value, highlight } = props;

  const sync = () => {
    if (area.current && backdrop.current) {
      backdrop.current.scrollTop = area.current.scrollTop;
      backdrop.current.scrollLeft = area.current.scrollLeft;
    }
  };

  // Bring a new highlight into view.
  useEffect(() => {
    if (!highlight || !area.current) return;
    const line = value.slice(0, highlight.start).split('\n').length - 1;
    area.current.scrollTop = Math.max(0, (line - 3) * LINE_HEIGHT_PX);
    sync();
  }, [highlight, value]);

  const before = highlight ? value.slice(0, highlight.start) : value;
  const marked = highlight ? value.slice(highlight.start, highlight.end) : '';
  const after = highlight ? value.slice(highlight.end) : '';
  return (
    <div class="json-editor">
      <div class="json-backdrop" ref={backdrop} aria-hidden="true">
        {before}
        {highlight ? <mark>{marked || ' '}</mark> : null}
        {after}
        {'\n'}
      </div>
      <textarea
        {...props.control}
        ref={area}
        class="json-input"
        rows={props.rows ?? 18}
        spellcheck={false}
        autocomplete="off"
        value={value}
        onInput={(event) => props.onInput(event.currentTarget.value)}
        onScroll={sync}
      />
    </div>
  );
}

/** Put the caret on a span and focus the editor, so the operator lands on the error. */
export function selectSpan(textarea: HTMLTextAreaElement | null, span: Span): void {
  if (!textarea) return;
  textarea.focus();
  textarea.setSelectionRange(span.start, span.end);
}
