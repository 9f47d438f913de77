import { describe, expect, it } from 'vitest';
import { createSignatureVerifier, signMessage } from './signing.js';

describe('message signatures', () => {
  const body = '{"id":"evt_1"}';
  const at = Date.parse('2026-12-01T08:00:00Z');

  it('accepts a fresh signature once and refuses its replay', () => {
    const verifier = createSignatureVerifier('s3cret', () => at);
    const header = signMessage('s3cret', body, '', at);
    expect(() => verifier.verify(header, body)).not.toThrow();
    expect(() => verifier.verify(header, body)).toThrow(/replayed/);
  });

  it('refuses another secret, another body, another target and a missing header', () => {
    const verifier = createSignatureVerifier('s3cret', () => at);
    expect(() => verifier.verify(signMessage('other', body, '', at), body)).toThrow(/bad signature/);
    expect(() => verifier.verify(signMessage('s3cret', body, '', at), '{"id":"evt_2"}')).toThrow(
      /bad signature/,
    );
    const request = signMessage('s3cret', body, 'POST /v1/intents', at);
    expect(() => verifier.verify(request, body, 'POST /v1/intents/x/refund')).toThrow(/bad signature/);
    expect(() => verifier.verify(undefined, body)).toThrow(/missing/);
    expect(() => verifier.verify('t=1,v1=zz', body)).toThrow(/malformed/);
  });

  it('refuses a timestamp more than five minutes away, either side', () => {
    const verifier = createSignatureVerifier('s3cret', () => at);
    expect(() => verifier.verify(signMessage('s3cret', body, '', at - 301_000), body)).toThrow(/stale/);
    expect(() => verifier.verify(signMessage('s3cret', body, '', at + 301_000), body)).toThrow(/stale/);
    expect(() => verifier.verify(signMessage('s3cret', body, '', at - 299_000), body)).not.toThrow();
  });
});
