import type { Language } from '@genio/contracts';
import { useEffect, useState } from 'preact/hooks';
import type { Hub } from '../hub.js';

/** What the hub can hear and speak, asked over the socket each time it (re)opens; null until known. */
export function useSpeechStatus(hub: Hub): { hear: Language[]; speak: Language[] } | null {
  const [status, setStatus] = useState<{ hear: Language[]; speak: Language[] } | null>(null);
  useEffect(
    () =>
      hub.onMessage((message) => {
        if (message.type !== 'speech.status') return;
        const list = (value: unknown) => (Array.isArray(value) ? (value as Language[]) : []);
        setStatus({ hear: list(message.hear), speak: list(message.speak) });
      }),
    [hub.onMessage],
  );
  useEffect(() => {
    if (hub.state === 'open') hub.send({ type: 'speech.status' });
  }, [hub.epoch, hub.state]);
  return status;
}
