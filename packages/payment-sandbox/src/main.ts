/**
 * `genio-payment-sandbox [--port N] [--host H] [--webhook-url URL] [--state-file F] [--controls]`.
 * Secrets come from GENIO_SANDBOX_API_SECRET and GENIO_SANDBOX_WEBHOOK_SECRET. Prints one JSON line
 * `{"listening":true,"port":N,"url":"..."}` once it serves, so a parent process can read the port.
 */
import { parseArgs } from 'node:util';
import { createSandbox } from './server.js';

/** Start the sandbox from command-line arguments; it runs until SIGTERM or SIGINT. */
export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: '0' },
      host: { type: 'string', default: '127.0.0.1' },
      'webhook-url': { type: 'string' },
      'state-file': { type: 'string' },
      controls: { type: 'boolean', default: false },
    },
  });
  const apiSecret = process.env.GENIO_SANDBOX_API_SECRET;
  const webhookSecret = process.env.GENIO_SANDBOX_WEBHOOK_SECRET;
  if (!apiSecret || !webhookSecret) {
    process.stderr.write('set GENIO_SANDBOX_API_SECRET and GENIO_SANDBOX_WEBHOOK_SECRET\n');
    process.exit(2);
  }
  const sandbox = createSandbox({
    apiSecret,
    webhookSecret,
    webhookUrl: values['webhook-url'] ?? null,
    controls: values.controls,
    ...(values['state-file'] ? { stateFile: values['state-file'] } : {}),
  });
  const port = await sandbox.listen(Number(values.port), values.host);
  process.stdout.write(
    `${JSON.stringify({ listening: true, port, url: `http://${values.host}:${port}` })}\n`,
  );
  const stop = () => {
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
