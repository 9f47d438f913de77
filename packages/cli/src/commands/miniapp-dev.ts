import { watch } from 'node:fs';
import { resolve } from 'node:path';
import { type Io, takeOptions, UsageError } from '../io.js';
import { readProject, writePackage } from './miniapp-pack.js';
import { uploadPackage } from './miniapp-publish.js';
import { readConversations, runConversations } from './miniapp-test.js';

export const devUsage = `genio miniapp dev [DIR] [--hub URL --token T]

Watches DIR: on every change runs test/conversations.json in the sandbox and, with --hub, packs
and uploads a development version (<version>-dev.<n>) for review on that hub. Ctrl-C stops.`;

/** One round: test, and upload when a hub is given. Failures are printed, never thrown: the watch goes on. */
export async function devRound(
  dir: string,
  io: Io,
  round: number,
  upload?: { hub: string; token: string },
): Promise<boolean> {
  try {
    const project = await readProject(dir);
    const { failed } = await runConversations(project, readConversations(dir), io);
    if (failed) return false;
    if (upload) {
      const version = `${project.manifest.version.replace(/[-+].*$/, '')}-dev.${Date.now()}.${round}`;
      const { archive } = writePackage(
        { ...project, manifest: { ...project.manifest, version } },
        resolve(dir, 'dist', `${project.manifest.id}-dev.gapp`),
      );
      const result = await uploadPackage(upload.hub, upload.token, archive);
      io.out(`uploaded ${result.appId} ${result.version}: ${result.status}`);
    }
    return true;
  } catch (error) {
    io.out(`✗ ${(error as Error).message}`);
    return false;
  }
}

/** Watch `dir` until `signal` aborts; each burst of changes runs one round. */
export async function watchApp(
  dir: string,
  io: Io,
  signal: AbortSignal,
  upload?: { hub: string; token: string },
): Promise<void> {
  let round = 0;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = devRound(dir, io, ++round, upload);
  const watcher = watch(dir, { recursive: true, signal }, (_event, file) => {
    if (!file || /^(dist|node_modules|\.git)([/\\]|$)/.test(String(file))) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      running = running.then(() => {
        io.out(`— ${file} changed`);
        return devRound(dir, io, ++round, upload);
      });
    }, 150);
  });
  await new Promise<void>((done) => {
    if (signal.aborted) done();
    signal.addEventListener('abort', () => done(), { once: true });
  });
  clearTimeout(timer);
  watcher.close();
  await running;
}

/** `genio miniapp dev [DIR]`. */
export async function devCommand(argv: readonly string[], io: Io): Promise<number> {
  const { options, rest } = takeOptions(argv, { hub: 'string', token: 'string' });
  if (rest.length > 1) throw new UsageError(devUsage);
  const dir = resolve(io.cwd, rest[0] ?? '.');
  const token = String(options.token ?? io.env.GENIO_TOKEN ?? '');
  const hub = typeof options.hub === 'string' ? options.hub : undefined;
  if (hub && !token)
    throw new UsageError(`uploading needs a developer token: --token or GENIO_TOKEN\n\n${devUsage}`);
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGINT', onSignal);
  io.out(`Watching ${dir} (Ctrl-C stops)`);
  try {
    await watchApp(dir, io, stop.signal, hub ? { hub, token } : undefined);
  } finally {
    process.off('SIGINT', onSignal);
  }
  return 0;
}
