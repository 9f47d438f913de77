/**
 * The external payment network the hub's configuration names, if any. Its URL, API key and webhook
 * secret come together: one without the others is a configuration mistake, refused at start.
 */
import type { GenioConfig } from '../../config/index.js';
import { GenioError } from '../../errors/index.js';
import { createNetworkProvider } from './network-provider.js';
import type { PaymentProvider } from './provider.js';

/** The configured network's provider name: `{ "method": "network" }` and `/payments/webhooks/network`. */
export const NETWORK_PROVIDER = 'network';

type NetworkSettings = Pick<GenioConfig, 'paymentNetworkUrl' | 'paymentNetworkKey' | 'paymentNetworkSecret'>;

/** The network provider, or null when no network is configured; throws config_invalid when half set. */
export function networkProviderFromConfig(config: NetworkSettings): PaymentProvider | null {
  const { paymentNetworkUrl: url, paymentNetworkKey: key, paymentNetworkSecret: secret } = config;
  if (!url && !key && !secret) return null;
  if (!url || !key || !secret)
    throw new GenioError('config_invalid', {
      detail:
        '--payment-network-url, --payment-network-key and --payment-network-secret must be set together',
      field: !url ? 'paymentNetworkUrl' : !key ? 'paymentNetworkKey' : 'paymentNetworkSecret',
    });
  return createNetworkProvider({
    name: NETWORK_PROVIDER,
    baseUrl: url,
    apiSecret: key,
    webhookSecret: secret,
  });
}
