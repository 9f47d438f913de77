import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { watchApp } from '../src/commands/miniapp-dev.js';
import { scaffoldApp } from '../src/commands/miniapp-new.js';
import type { Io } from '../src/io.js';

const work = mkdtempSync(join(tmpdir(), 'genio-miniapp-dev-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('genio miniapp dev', () => {
  it('runs the tests at start and again on each change, and keeps watching after a failure', async () => {
    const dir = join(work, 'hello');
    scaffoldApp(dir, { name: 'Hello World' });
    const lines: string[] = [];
    const io: Io = { out: (l) => lines.push(l), err: (l) => lines.push(l), env: {}, cwd: work };
    const stop = new AbortController();
    const watching = watchApp(dir, io, stop.signal);
    await vi.waitFor(() => expect(lines).toContain('✓ 打开并问好 (zh)'), { timeout: 10_000 });

    const app = join(dir, 'src', 'app.js');
    writeFileSync(app, readFileSync(app, 'utf8').replace("hello: 'Hello! Ask", "hello: 'Hi! Ask"));
    await vi.waitFor(() => expect(lines).toContain('✗ opens and greets (en)'), { timeout: 10_000 });
    expect(lines).toContain('— src/app.js changed');

    writeFileSync(app, readFileSync(app, 'utf8').replace("hello: 'Hi! Ask", "hello: 'Hello! Ask"));
    await vi.waitFor(() => expect(lines.filter((l) => l === '✓ opens and greets (en)')).toHaveLength(2), {
      timeout: 10_000,
    });
    stop.abort();
    await watching;
  });
});
