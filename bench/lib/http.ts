/** A small HTTP client for benchmarks: keep-alive POSTs on loopback that only need the status. */
import { type Agent, request as httpRequest } from 'node:http';

/** POST a JSON body with a bearer token; resolves with the status code once the body is drained. */
export function postJson(
  agent: Agent,
  port: number,
  path: string,
  token: string,
  body: string,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        agent,
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
