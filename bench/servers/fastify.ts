/** Baseline: a bare Fastify app (no plugins, hooks, schema or auth) serving the homes array from memory. */
import Fastify from 'fastify';
import { announce, loadPayload, onShutdown } from './common.js';

const homes = loadPayload();

const app = Fastify({ logger: false });
app.get('/api/v1/homes', async () => homes);

await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
if (address === null || typeof address === 'string') throw new Error('fastify did not bind a TCP port');
announce(address.port);
onShutdown(() => app.close());
