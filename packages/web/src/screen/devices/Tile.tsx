import { useMemo, useState } from 'preact/hooks';
import type { ScreenApi } from '../hub.js';
import { useI18n } from '../i18n.js';
import {
  ChoiceControl,
  LockControl,
  PowerSwitch,
  RangeControl,
  Reading,
  ServiceButtons,
  StepperControl,
} from './ControlViews.js';
import { type CommandFailure, setCapabilities } from './commands.js';
import { controlsFor } from './controls.js';
import type { Capabilities, CapabilityState, Device } from './types.js';

interface Props {
  api: ScreenApi;
  device: Device;
  /** Whether the hub's live stream is up: without it the last known presence may be stale, so it is not claimed. */
  live: boolean;
  /** null while they are loading. */
  capabilities: Capabilities | null;
  applyLocally: (deviceId: string, values: Record<string, unknown>) => void;
}

/** One device: name, online state, controls by capability and the last command's failure. */
export function Tile({ api, device, live, capabilities, applyLocally }: Props) {
  const i18n = useI18n();
  const { s } = i18n;
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<CommandFailure | null>(null);
  const offline = !device.online;
  // Not disabled while a command runs: a disabled control drops keyboard focus. A second use waits instead.
  const disabled = offline || device.disabled;

  const settle = async (command: () => Promise<CommandFailure | null>, onSuccess?: () => void) => {
    if (busy) return;
    setBusy(true);
    setFailure(null);
    const result = await command();
    setBusy(false);
    setFailure(result);
    if (!result) onSuccess?.();
  };
  const controls = useMemo(
    () => (capabilities ? controlsFor(Object.values(capabilities) as CapabilityState[]) : null),
    [capabilities],
  );
  const set = (values: Record<string, unknown>) =>
    void settle(
      () => setCapabilities(api, device.id, values),
      () => applyLocally(device.id, values),
    );
  const invoke = (service: string) => void settle(() => setCapabilities(api, device.id, { [service]: {} }));

  const message =
    failure === null
      ? ''
      : 'message' in failure
        ? failure.message
        : failure.key === 'deviceRefused'
          ? i18n.f('deviceRefused', { reason: failure.reason })
          : s[failure.key];
  const common = { deviceName: device.name, disabled };

  return (
    <article
      class={`tile${offline ? ' is-offline' : ''}`}
      data-testid={`tile-${device.id}`}
      data-online={live ? String(device.online) : 'unknown'}
      aria-labelledby={`tile-name-${device.id}`}
      aria-busy={busy}
    >
      <header class="tile-header">
        <h4 id={`tile-name-${device.id}`} class="tile-name">
          {device.name}
        </h4>
        <span
          class={`badge ${!live ? 'badge-unknown' : offline ? 'badge-offline' : 'badge-online'}`}
          data-testid="status"
        >
          {!live ? s.statusUnknown : offline ? s.offline : s.online}
        </span>
      </header>
      <div class="tile-controls">
        {controls === null ? (
          <p class="muted">{s.loading}</p>
        ) : controls.length === 0 ? (
          <p class="muted">{s.noControls}</p>
        ) : (
          controls.map((control) => {
            const state = 'capability' in control ? capabilities?.[control.capability] : undefined;
            const value = state && 'value' in state ? state.value : undefined;
            switch (control.kind) {
              case 'power':
              case 'toggle':
                return (
                  <PowerSwitch
                    key={control.capability}
                    control={control}
                    value={value}
                    set={set}
                    {...common}
                  />
                );
              case 'lock':
                return <LockControl key="lock" control={control} value={value} set={set} {...common} />;
              case 'range':
                return (
                  <RangeControl
                    key={control.capability}
                    control={control}
                    value={value}
                    set={set}
                    {...common}
                  />
                );
              case 'choice':
                return (
                  <ChoiceControl
                    key={control.capability}
                    control={control}
                    value={value}
                    set={set}
                    {...common}
                  />
                );
              case 'stepper':
                return (
                  <StepperControl
                    key={control.capability}
                    control={control}
                    value={value}
                    set={set}
                    {...common}
                  />
                );
              case 'reading':
                return <Reading key={control.capability} control={control} value={value} />;
              case 'services':
                return (
                  <ServiceButtons key="services" control={control} disabled={disabled} invoke={invoke} />
                );
              default:
                return null;
            }
          })
        )}
      </div>
      <p class="tile-error" role="status" data-testid="tile-error">
        {message}
      </p>
    </article>
  );
}
