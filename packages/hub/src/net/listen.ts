import type { Server, Socket } from 'node:net';
import { GenioError } from '../errors/index.js';

/** Which setting a listening port comes from, so a clash can name the flag to change. */
export interface PortSetting {
  service: string;
  flag: string;
  env: string;
}

/** Listen on host:port; a port in use or not permitted becomes port_in_use naming the flag. Resolves to the bound port. */
export function listenOn(server: Server, port: number, host: string, setting: PortSetting): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      if (error.code === 'EADDRINUSE' || error.code === 'EACCES') {
        reject(new GenioError('port_in_use', { port, ...setting, reason: error.code }, { cause: error }));
      } else {
        reject(error);
      }
    };
    const onListening = () => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

interface HttpLike {
  closeIdleConnections?: () => void;
  closeAllConnections?: () => void;
}

/**
 * Close a server, resolving even when it was never listening. HTTP connections that are still open after
 * `graceMs` are cut, so that one client holding a socket cannot keep the hub from stopping.
 */
export function closeServer(server: Server, graceMs = 2000): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    const http = server as Server & HttpLike;
    const timer = setTimeout(() => http.closeAllConnections?.(), graceMs);
    timer.unref();
    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
    http.closeIdleConnections?.();
  });
}

/**
 * Keep every socket a server accepts, so that shutdown can end the ones Node does not count as idle
 * (a client that connected and sent nothing, or half a request, would hold close() until its timeout).
 */
export function trackSockets(server: Server): { destroyAll(): void } {
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  return {
    destroyAll() {
      for (const socket of sockets) socket.destroy();
    },
  };
}
