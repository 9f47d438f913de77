/**
 * A bare aedes broker (the library inside Genio's hub) with no auth, no ACL and no Genio logic:
 * the device-ingest baseline that tells the broker's own cost from Genio's. Announces {"port": P}.
 */
import { createServer } from 'node:net';
import { Aedes } from 'aedes';
import { announce, onShutdown } from './common.js';

const aedes = await Aedes.createBroker();
const server = createServer({ noDelay: true }, aedes.handle);
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  announce(typeof address === 'object' && address ? address.port : 0);
});
onShutdown(
  () =>
    new Promise<void>((resolve) => {
      aedes.close(() => server.close(() => resolve()));
    }),
);
