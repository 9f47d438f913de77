/**
 * A mini-app package (`.gapp`): a gzip'd tar holding `manifest.json` and `bundle.js`. Read here with
 * a small ustar reader (no native code); sizes are checked before and while unpacking, so a gzip bomb
 * stops at the limit instead of filling memory.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { type MiniAppManifest, miniAppLimits, validateManifest } from '@genio/contracts';
import { GenioError } from '../errors/index.js';

/** A package as read: its manifest (validated), its bundle and their sizes. */
export interface MiniAppPackage {
  manifest: MiniAppManifest;
  bundle: string;
  packageBytes: number;
  bundleBytes: number;
}

const BLOCK = 512;
/** Everything unpacked together may not exceed this (headers, manifest, bundle, anything else). */
const MAX_UNPACKED = miniAppLimits.bundleBytes + miniAppLimits.manifestBytes + 256 * 1024;

function field(header: Buffer, start: number, length: number): string {
  const raw = header.subarray(start, start + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end < 0 ? raw.length : end).toString('utf8');
}

/** The regular files of a ustar archive, by name (a leading `./` dropped). */
function untar(archive: Buffer): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  let offset = 0;
  while (offset + BLOCK <= archive.length) {
    const header = archive.subarray(offset, offset + BLOCK);
    if (header.every((b) => b === 0)) break;
    const sizeText = field(header, 124, 12).trim();
    if (!/^[0-7]*$/.test(sizeText))
      throw new GenioError('validation_failed', { field: 'package', reason: 'is not a tar archive' });
    const size = Number.parseInt(sizeText || '0', 8);
    const type = String.fromCharCode(header[156] ?? 0);
    const prefix = header.subarray(257, 262).toString('latin1') === 'ustar' ? field(header, 345, 155) : '';
    const name = (prefix ? `${prefix}/` : '') + field(header, 0, 100);
    const start = offset + BLOCK;
    if (start + size > archive.length)
      throw new GenioError('validation_failed', { field: 'package', reason: 'the archive is cut short' });
    if (type === '0' || type === '\0')
      files.set(name.replace(/^\.\//, ''), archive.subarray(start, start + size));
    offset = start + Math.ceil(size / BLOCK) * BLOCK;
  }
  return files;
}

/** Read and check a package: size limits, the two files, a valid manifest. */
export function readMiniAppPackage(bytes: Buffer): MiniAppPackage {
  if (bytes.length > miniAppLimits.packageBytes)
    throw new GenioError('payload_too_large', { limit: miniAppLimits.packageBytes });
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b)
    throw new GenioError('validation_failed', { field: 'package', reason: 'is not a gzip archive (.gapp)' });
  let archive: Buffer;
  try {
    archive = gunzipSync(bytes, { maxOutputLength: MAX_UNPACKED });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
      throw new GenioError('payload_too_large', { limit: MAX_UNPACKED });
    throw new GenioError('validation_failed', { field: 'package', reason: 'is not a readable gzip archive' });
  }
  const files = untar(archive);
  const manifestBytes = files.get('manifest.json');
  const bundleBytes = files.get('bundle.js');
  if (!manifestBytes)
    throw new GenioError('validation_failed', {
      field: 'manifest.json',
      reason: 'is missing from the package',
    });
  if (!bundleBytes)
    throw new GenioError('validation_failed', { field: 'bundle.js', reason: 'is missing from the package' });
  if (bundleBytes.length > miniAppLimits.bundleBytes)
    throw new GenioError('payload_too_large', { limit: miniAppLimits.bundleBytes, field: 'bundle.js' });
  if (manifestBytes.length > miniAppLimits.manifestBytes)
    throw new GenioError('payload_too_large', { limit: miniAppLimits.manifestBytes, field: 'manifest.json' });
  let manifest: unknown;
  try {
    manifest = JSON.parse(manifestBytes.toString('utf8'));
  } catch {
    throw new GenioError('validation_failed', { field: 'manifest.json', reason: 'is not valid JSON' });
  }
  const issues = validateManifest(manifest);
  const first = issues[0];
  if (first)
    throw new GenioError('validation_failed', {
      field: `manifest.${first.field.replace(/\//g, '.')}`,
      reason: first.reason,
      issues,
    });
  return {
    manifest: manifest as MiniAppManifest,
    bundle: bundleBytes.toString('utf8'),
    packageBytes: bytes.length,
    bundleBytes: bundleBytes.length,
  };
}

function tarHeader(name: string, size: number): Buffer {
  const header = Buffer.alloc(BLOCK, 0);
  header.write(name, 0, 100, 'utf8');
  header.write('0000644\0', 100, 'latin1');
  header.write('0000000\0', 108, 'latin1');
  header.write('0000000\0', 116, 'latin1');
  header.write(`${size.toString(8).padStart(11, '0')}\0`, 124, 'latin1');
  header.write(
    `${Math.floor(Date.now() / 1000)
      .toString(8)
      .padStart(11, '0')}\0`,
    136,
    'latin1',
  );
  header.write('        ', 148, 'latin1');
  header.write('0', 156, 'latin1');
  header.write('ustar\0', 257, 'latin1');
  header.write('00', 263, 'latin1');
  let sum = 0;
  for (const b of header) sum += b;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  return header;
}

/** Write a package from its files (for tests and tools; the CLI's `pack` writes the same format). */
export function writeMiniAppPackage(files: Record<string, string | Buffer>): Buffer {
  const parts: Buffer[] = [];
  for (const [name, content] of Object.entries(files)) {
    const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    parts.push(tarHeader(name, data.length), data, Buffer.alloc((BLOCK - (data.length % BLOCK)) % BLOCK, 0));
  }
  parts.push(Buffer.alloc(BLOCK * 2, 0));
  return gzipSync(Buffer.concat(parts));
}
