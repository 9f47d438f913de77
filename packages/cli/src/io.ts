/** Where a command writes and what it reads; tests pass their own. */
export interface Io {
  out(line: string): void;
  err(line: string): void;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
}

/** The real process streams. */
export const processIo: Io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
  cwd: process.cwd(),
};

/** Pull `--name value` / `--name=value` / `--bool` options out of argv; returns the options and the rest. */
export function takeOptions(
  argv: readonly string[],
  spec: Readonly<Record<string, 'string' | 'boolean'>>,
): { options: Record<string, string | boolean>; rest: string[] } {
  const options: Record<string, string | boolean> = {};
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const match = /^--([a-z][a-z-]*)(?:=(.*))?$/.exec(arg);
    const name = match?.[1];
    if (!match || !name || !(name in spec)) {
      rest.push(arg);
      continue;
    }
    if (spec[name] === 'boolean') {
      options[name] = true;
      continue;
    }
    const value = match[2] ?? argv[++i];
    if (value === undefined) throw new UsageError(`--${name} needs a value`);
    options[name] = value;
  }
  return { options, rest };
}

/** A mistake in how a command was called; printed with the command's usage. */
export class UsageError extends Error {}

/** A command that was called right but failed (the hub refused, a device never came online); exit code 1. */
export class CommandError extends Error {}
