import { useEffect, useState } from 'preact/hooks';
import QRCode from 'qrcode';

/** A QR code of a link, drawn in the browser (so it encodes the link the console chose, not the one the hub saw). */
export function LinkQr(props: { url: string; alt: string; size: number }) {
  const [image, setImage] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let cancelled = false;
    setImage(null);
    setFailed(false);
    QRCode.toDataURL(props.url, { width: props.size, margin: 2, errorCorrectionLevel: 'M' }).then(
      (data) => {
        if (!cancelled) setImage(data);
      },
      () => {
        if (!cancelled) setFailed(true);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [props.url, props.size]);
  const box = { width: `${props.size}px`, height: `${props.size}px` };
  if (failed)
    return (
      <p class="qr-placeholder form-error" style={box} role="alert">
        The QR code could not be drawn; use the link.
      </p>
    );
  if (!image)
    return (
      <p class="qr-placeholder" style={box} aria-busy="true">
        Drawing the QR code…
      </p>
    );
  return (
    <img class="qr" src={image} alt={props.alt} width={props.size} height={props.size} data-url={props.url} />
  );
}
