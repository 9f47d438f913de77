/** Running the speech tools as separate processes (espeak-ng is GPL: it is never linked, only run). */
import { execFile, spawn } from 'node:child_process';

/** The output of a finished process. */
export interface ProcessResult {
  stdout: Buffer;
  stderr: string;
}

/** Run a program with input on stdin; reject with its stderr when it fails or runs too long. */
export function runProcess(
  command: string,
  args: readonly string[],
  options: { input?: Buffer | string; timeoutMs?: number } = {},
): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const stderr = Buffer.concat(err).toString('utf8');
      if (code === 0) resolve({ stdout: Buffer.concat(out), stderr });
      else reject(new Error(`${command} exited with ${signal ?? code}: ${stderr.trim().slice(-300)}`));
    });
    child.stdin.on('error', () => {});
    child.stdin.end(options.input ?? '');
  });
}

/** Whether a program can be started here (cached per command by the callers). */
export function canRun(command: string, args: readonly string[]): Promise<boolean> {
  return new Promise((resolve) => {
    execFile(command, [...args], { timeout: 10_000 }, (error) => {
      resolve(!error || (error as NodeJS.ErrnoException).code !== 'ENOENT');
    });
  });
}
