import { describe, expect, it } from 'vitest';
import { redactUrl } from './redact.js';

describe('redactUrl', () => {
  it('hides secret query values wherever they stand, whatever their case', () => {
    expect(redactUrl('/api/v1/events?access_token=gn_abc&events=device.*')).toBe(
      '/api/v1/events?access_token=[redacted]&events=device.*',
    );
    expect(redactUrl('/api/v1/events?events=x&ACCESS_TOKEN=gn_abc')).toBe(
      '/api/v1/events?events=x&ACCESS_TOKEN=[redacted]',
    );
    expect(redactUrl('/api/v1/homes/h/screen-pairing.png?code=AB12CD')).toBe(
      '/api/v1/homes/h/screen-pairing.png?code=[redacted]',
    );
    expect(redactUrl('/api/v1/homes?homeId=x')).toBe('/api/v1/homes?homeId=x');
  });
});
