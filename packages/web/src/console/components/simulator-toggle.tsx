import { useEffect, useState } from 'preact/hooks';
import type { ApiError } from '../../lib/api.js';
import { asApiError } from '../lib/console-api.js';
import { useSession } from '../lib/context.js';
import { LoadError } from './status.js';

/**
 * Let the hub play the device: it connects with the device's own credentials, reports a value for
 * each property and applies what it is told, so the device can be tried on the screen without hardware.
 */
export function SimulatorToggle(props: { deviceId: string; compact?: boolean }) {
  const { api } = useSession();
  const path = `/api/v1/devices/${encodeURIComponent(props.deviceId)}/simulator`;
  const [running, setRunning] = useState<boolean | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    let live = true;
    api
      .get<{ running: boolean }>(path)
      .then((state) => live && setRunning(state.running))
      .catch((failure: unknown) => live && setError(asApiError(failure)));
    return () => {
      live = false;
    };
  }, [api, path]);

  const toggle = async () => {
    setBusy(true);
    setError(null);
    try {
      if (running) {
        await api.delete(path);
        setRunning(false);
      } else {
        setRunning((await api.request<{ running: boolean }>('PUT', path)).running);
      }
    } catch (failure) {
      setError(asApiError(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="simulator">
      <button type="button" onClick={toggle} disabled={busy || running === null} aria-busy={busy}>
        {running ? 'Stop the simulated device' : 'Simulate this device'}
      </button>
      {!props.compact ? (
        <span class="muted" role="status">
          {running === null
            ? ''
            : running
              ? 'The hub is playing this device with its own credentials.'
              : 'No hardware yet? The hub can play this device for you.'}
        </span>
      ) : null}
      {error ? <LoadError error={error} /> : null}
    </div>
  );
}
