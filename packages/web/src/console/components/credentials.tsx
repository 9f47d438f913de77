import { useState } from 'preact/hooks';
import { formatDateTime } from '../lib/format.js';
import { type HubInfo, useHubInfo } from '../lib/hub-info.js';
import type { Credentials } from '../lib/types.js';
import { AuthImage } from './auth-image.js';
import { CopyButton } from './copy-button.js';
import { SimulatorToggle } from './simulator-toggle.js';

/** A device's credentials, shown once: the triple, a copy button and a one-time pairing QR code. */
export function CredentialsPanel(props: { credentials: Credentials; title: string; onClose: () => void }) {
  const { credentials } = props;
  const [pairing, setPairing] = useState<{ code: string; expiresAt: number } | null>(null);
  const info = useHubInfo();
  const broker = info.data?.mqtt;
  // The object @genio/device-sdk's connect() takes: broker address first, then the device's identity.
  const triple = JSON.stringify(
    {
      ...(broker ? { host: broker.host, port: broker.port } : {}),
      ...(broker?.wsPort ? { wsPort: broker.wsPort } : {}),
      productKey: credentials.productKey,
      deviceName: credentials.deviceName,
      deviceSecret: credentials.deviceSecret,
    },
    null,
    2,
  );
  const topicRoot = `/sys/${credentials.productKey}/${credentials.deviceName}/thing`;
  return (
    <section class="panel once" aria-labelledby="credentials-title">
      <h3 id="credentials-title">{props.title}</h3>
      <p class="warning">
        Copy the secret now: the hub keeps only a sealed copy and will not show it again. Rotate it if it is
        lost.
      </p>
      <div class="credentials">
        <dl class="pairs" aria-label="What the firmware needs">
          <BrokerRows info={info.data} loading={info.loading} />
          <dt>productKey</dt>
          <dd>
            <code>{credentials.productKey}</code>
          </dd>
          <dt>deviceName</dt>
          <dd>
            <code>{credentials.deviceName}</code>
          </dd>
          <dt>deviceSecret</dt>
          <dd>
            <code class="secret">{credentials.deviceSecret}</code>
          </dd>
          <dt>MQTT user name</dt>
          <dd>
            <code>{`${credentials.deviceName}&${credentials.productKey}`}</code>
          </dd>
          <dt>Topics</dt>
          <dd>
            <code class="break">{`${topicRoot}/event/property/post`}</code> (report),{' '}
            <code class="break">{`${topicRoot}/service/#`}</code> (commands); password and client id: see{' '}
            docs/protocol.md
          </dd>
        </dl>
        <figure class="qr-box">
          <AuthImage
            path={`/api/v1/devices/${encodeURIComponent(credentials.id)}/pairing.png`}
            alt={`Pairing QR code for ${credentials.deviceName}`}
            size={180}
            onHeaders={(headers) => {
              const code = headers.get('x-pairing-code');
              const expires = Number(headers.get('x-pairing-expires-at'));
              if (code) setPairing({ code, expiresAt: expires });
            }}
          />
          <figcaption>
            {pairing
              ? `One-time pairing code ${pairing.code}, valid until ${formatDateTime(pairing.expiresAt)}: a device or app trades it for fresh credentials.`
              : 'One-time pairing code for a device or app.'}
          </figcaption>
        </figure>
      </div>
      <SimulatorToggle deviceId={credentials.id} />
      <div class="actions">
        <CopyButton text={triple} label="Copy credentials" />
        <button type="button" onClick={props.onClose}>
          I have saved them
        </button>
      </div>
    </section>
  );
}

/** The broker address the hub tells devices to use (GET /api/v1/hub). */
function BrokerRows(props: { info: HubInfo | undefined; loading: boolean }) {
  const mqtt = props.info?.mqtt;
  if (!mqtt)
    return (
      <>
        <dt>Broker</dt>
        <dd class="muted">{props.loading ? 'Asking the hub…' : 'The hub did not say its broker address.'}</dd>
      </>
    );
  return (
    <>
      <dt>Broker host</dt>
      <dd>
        <code data-testid="broker-host">{mqtt.host}</code>
      </dd>
      <dt>MQTT port</dt>
      <dd>
        <code data-testid="broker-port">{mqtt.port}</code> <span class="muted">({mqtt.url})</span>
      </dd>
      <dt>MQTT over websocket port</dt>
      <dd>
        {mqtt.wsPort ? (
          <code data-testid="broker-ws-port">{mqtt.wsPort}</code>
        ) : (
          <span class="muted">off on this hub</span>
        )}
      </dd>
    </>
  );
}
