import { useState } from 'preact/hooks';
import { formatDateTime } from '../lib/format.js';
import type { Credentials } from '../lib/types.js';
import { AuthImage } from './auth-image.js';
import { CopyButton } from './copy-button.js';
import { SimulatorToggle } from './simulator-toggle.js';

/** A device's credentials, shown once: the triple, a copy button and a one-time pairing QR code. */
export function CredentialsPanel(props: { credentials: Credentials; title: string; onClose: () => void }) {
  const { credentials } = props;
  const [pairing, setPairing] = useState<{ code: string; expiresAt: number } | null>(null);
  const triple = JSON.stringify(
    {
      productKey: credentials.productKey,
      deviceName: credentials.deviceName,
      deviceSecret: credentials.deviceSecret,
    },
    null,
    2,
  );
  return (
    <section class="panel once" aria-labelledby="credentials-title">
      <h3 id="credentials-title">{props.title}</h3>
      <p class="warning">
        Copy the secret now: the hub keeps only a sealed copy and will not show it again. Rotate it if it is
        lost.
      </p>
      <div class="credentials">
        <dl class="pairs">
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
