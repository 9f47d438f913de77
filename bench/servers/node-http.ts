/** Baseline: a bare node:http handler serving the homes array from memory (no auth, no framework). */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { announce, loadPayload, onShutdown } from './common.js';

const homes = loadPayload();

const server = createServer((request, response) => {
  if (request.method === 'GET' && request.url === '/api/v1/homes') {
    // Serialised per request, like the hub and the Fastify baseline do.
    const body = JSON.stringify(homes);
    response.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
    });
    response.end(body);
    return;
  }
  response.writeHead(404).end();
});

server.listen(0, '127.0.0.1', () => {
  announce((server.address() as AddressInfo).port);
});
onShutdown(
  () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
);
