import { useEffect, useState } from 'preact/hooks';
import type { ApiError } from '../../lib/api.js';
import { asApiError } from '../lib/console-api.js';
import { useSession } from '../lib/context.js';

/** An image the hub serves only with the bearer header (QR codes): fetched as a blob, shown by object URL. */
export function AuthImage(props: {
  path: string;
  alt: string;
  size: number;
  onHeaders?: (headers: Headers) => void;
}) {
  const { api } = useSession();
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const { path, onHeaders } = props;

  useEffect(() => {
    let objectUrl: string | null = null;
    let cancelled = false;
    setUrl(null);
    setError(null);
    api.image(path).then(
      (image) => {
        if (cancelled) {
          URL.revokeObjectURL(image.url);
          return;
        }
        objectUrl = image.url;
        setUrl(image.url);
        onHeaders?.(image.headers);
      },
      (failure: unknown) => {
        if (!cancelled) setError(asApiError(failure));
      },
    );
    return () => {
      cancelled = true;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
    // onHeaders is read once per image: a new callback must not refetch (each fetch may create a new code).
  }, [api, path]);

  const box = { width: `${props.size}px`, height: `${props.size}px` };
  if (error)
    return (
      <p class="qr-placeholder form-error" style={box} role="alert">
        {error.message}
      </p>
    );
  if (!url)
    return (
      <p class="qr-placeholder" style={box} aria-busy="true">
        Loading QR code…
      </p>
    );
  return <img class="qr" src={url} alt={props.alt} width={props.size} height={props.size} />;
}
