/** Helpers for server processes under test (bench/servers/*.ts). */
import { readFileSync } from 'node:fs';

/** Tell the launcher we listen: one JSON line on stdout. */
export function announce(port: number, extra: Record<string, string | number> = {}): void {
  process.stdout.write(`${JSON.stringify({ ...extra, port })}\n`);
}

/** Run cleanup then exit on SIGTERM/SIGINT or when the launcher's end of stdin closes (runner gone). */
export function onShutdown(cleanup: () => Promise<void> | void): void {
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    const force = setTimeout(() => process.exit(1), 4000);
    force.unref();
    Promise.resolve()
      .then(cleanup)
      .then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(error);
          process.exit(1);
        },
      );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  process.stdin.on('end', stop);
  process.stdin.on('close', stop);
  process.stdin.resume();
}

/** The JSON document baselines serve, from the file named by BENCH_PAYLOAD_FILE. */
export function loadPayload(): unknown {
  const file = process.env.BENCH_PAYLOAD_FILE;
  if (!file) throw new Error('BENCH_PAYLOAD_FILE is not set');
  return JSON.parse(readFileSync(file, 'utf8'));
}
