import { useState } from 'preact/hooks';

/** Copies text to the clipboard and says so; falls back to selecting it when the clipboard is refused. */
export function CopyButton(props: { text: string; label: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.text);
      setState('copied');
    } catch {
      setState('failed');
    }
  };
  return (
    <span class="copy">
      <button type="button" onClick={() => void copy()}>
        {props.label}
      </button>
      <span class="copy-state" aria-live="polite">
        {state === 'copied'
          ? 'Copied.'
          : state === 'failed'
            ? 'The browser refused; select the text and copy it.'
            : ''}
      </span>
    </span>
  );
}
