import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../payment-sandbox/bin/genio-payment-sandbox.js', import.meta.url));

/** The sandbox payment network running as its own process, with its control endpoints. */
export interface SandboxProcess {
  url: string;
  apiSecret: string;
  webhookSecret: string;
  child: ChildProcess;
  control(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<any>;
  stop(): Promise<void>;
}

/** Start `genio-payment-sandbox --port 0 --controls` and read the port it prints. */
export async function startSandboxProcess(options: { webhookUrl?: string; stateFile?: string } = {}) {
  const apiSecret = randomBytes(16).toString('hex');
  const webhookSecret = randomBytes(16).toString('hex');
  const args = [bin, '--port', '0', '--controls'];
  if (options.webhookUrl) args.push('--webhook-url', options.webhookUrl);
  if (options.stateFile) args.push('--state-file', options.stateFile);
  const child = spawn(process.execPath, args, {
    env: { ...process.env, GENIO_SANDBOX_API_SECRET: apiSecret, GENIO_SANDBOX_WEBHOOK_SECRET: webhookSecret },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let errors = '';
  child.stderr?.on('data', (chunk) => {
    errors += String(chunk);
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk) => {
      out += String(chunk);
      const line = out.split('\n').find((l) => l.includes('"listening"'));
      if (line) resolve((JSON.parse(line) as { port: number }).port);
    });
    child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}: ${errors}`)));
  });
  const url = `http://127.0.0.1:${port}`;
  const sandbox: SandboxProcess = {
    url,
    apiSecret,
    webhookSecret,
    child,
    async control(method, path, body) {
      const response = await fetch(`${url}${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return response.json();
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
  return sandbox;
}

/** A webhook receiver on port 0: hands each raw body and signature to `handle` and answers its status. */
export async function startReceiver(
  handle: (raw: string, signature: string | undefined, req: IncomingMessage) => Promise<number>,
): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const header = req.headers['genio-signature'];
      handle(raw, typeof header === 'string' ? header : undefined, req).then(
        (status) => {
          res.writeHead(status).end();
        },
        () => {
          res.writeHead(500).end();
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    server,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
