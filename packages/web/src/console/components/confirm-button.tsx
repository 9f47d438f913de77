import { useEffect, useRef, useState } from 'preact/hooks';

/** A destructive action that asks first, in place: "Revoke" -> "Revoke token x? [Yes, revoke] [Cancel]". */
export function ConfirmButton(props: {
  label: string;
  /** Accessible name of the first button when the visible label is not enough ("Revoke token Kitchen"). */
  name?: string;
  question: string;
  confirmLabel: string;
  onConfirm: () => Promise<void> | void;
  disabled?: boolean;
}) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);

  useEffect(() => {
    if (asking) confirmRef.current?.focus();
    else if (wasAsking.current) openRef.current?.focus();
    wasAsking.current = asking;
  }, [asking]);

  if (!asking)
    return (
      <button
        type="button"
        class="danger"
        ref={openRef}
        aria-label={props.name}
        disabled={props.disabled}
        onClick={() => setAsking(true)}
      >
        {props.label}
      </button>
    );
  const confirm = async () => {
    setBusy(true);
    try {
      await props.onConfirm();
    } finally {
      setBusy(false);
      setAsking(false);
    }
  };
  return (
    <span class="confirm">
      <span class="confirm-question">{props.question}</span>
      <button type="button" class="danger" ref={confirmRef} disabled={busy} onClick={() => void confirm()}>
        {props.confirmLabel}
      </button>
      <button type="button" disabled={busy} onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}
