import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { CommandError, type Io, takeOptions, UsageError } from '../io.js';
import { readProject, writePackage } from './miniapp-pack.js';

export const publishUsage = `genio miniapp publish ARCHIVE|DIR --hub http://localhost:8700 --token <developer token> [--json]

Uploads a package (a directory is packed first) for review; prints the app, the version and its
review status. The token comes from --token or GENIO_TOKEN, the hub from --hub or GENIO_HUB.`;

/** What the hub answers to an upload. */
export interface UploadResult {
  appId: string;
  version: string;
  status: string;
}

/** Send a package's bytes to `POST /api/v1/miniapps`. */
export async function uploadPackage(hub: string, token: string, archive: Buffer): Promise<UploadResult> {
  let response: Response;
  try {
    response = await fetch(new URL('/api/v1/miniapps', hub), {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
      body: new Uint8Array(archive),
    });
  } catch {
    throw new CommandError(
      `cannot reach the hub at ${hub}: is it running (npm start)? Another address: --hub`,
    );
  }
  const text = await response.text();
  let body: Record<string, unknown> = {};
  try {
    body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {}
  if (!response.ok) {
    const detail = typeof body.detail === 'string' ? body.detail : text || response.statusText;
    const field = typeof body.field === 'string' ? ` (${body.field})` : '';
    const hint =
      response.status === 401
        ? ' (the hub does not know this token: --token or GENIO_TOKEN)'
        : response.status === 403
          ? ' (publishing needs a developer or operator token: genio token create --role developer)'
          : '';
    throw new CommandError(`the hub refused the package: ${response.status} ${detail}${field}${hint}`);
  }
  // The contract names it appId; an early hub said id.
  const appId = String(body.appId ?? body.id ?? '');
  return { appId, version: String(body.version ?? ''), status: String(body.status ?? '') };
}

/** `genio miniapp publish ARCHIVE|DIR`. */
export async function publishCommand(argv: readonly string[], io: Io): Promise<number> {
  const { options, rest } = takeOptions(argv, {
    hub: 'string',
    url: 'string',
    token: 'string',
    json: 'boolean',
  });
  if (rest.length !== 1) throw new UsageError(publishUsage);
  const hub = String(options.hub ?? options.url ?? io.env.GENIO_HUB ?? 'http://localhost:8700');
  const token = String(options.token ?? io.env.GENIO_TOKEN ?? '');
  if (!token) throw new UsageError(`a developer token is needed: --token or GENIO_TOKEN\n\n${publishUsage}`);
  const path = resolve(io.cwd, rest[0] as string);
  if (!existsSync(path)) throw new CommandError(`${rest[0]} does not exist`);
  const archive = statSync(path).isDirectory()
    ? writePackage(await readProject(path)).archive
    : readFileSync(path);
  const result = await uploadPackage(hub, token, archive);
  if (options.json) io.out(JSON.stringify(result));
  else {
    io.out(`${result.appId} ${result.version}: ${result.status.replace('_', ' ')}`);
    if (result.status === 'in_review')
      io.out('An operator reviews it in the console (Mini-app review) before households can install it.');
  }
  return 0;
}
