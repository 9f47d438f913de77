import { type Io, UsageError } from '../io.js';
import { devCommand, devUsage } from './miniapp-dev.js';
import { newCommand, newUsage } from './miniapp-new.js';
import { packCommand, packUsage } from './miniapp-pack.js';
import { publishCommand, publishUsage } from './miniapp-publish.js';
import { testCommand, testUsage } from './miniapp-test.js';

export const miniappUsage = [newUsage, testUsage, packUsage, publishUsage, devUsage].join('\n\n');

const subcommands: Record<string, (argv: readonly string[], io: Io) => Promise<number>> = {
  new: newCommand,
  test: testCommand,
  pack: packCommand,
  publish: publishCommand,
  dev: devCommand,
};

/** `genio miniapp new|test|pack|publish|dev`: make, try, package and ship a mini-app. */
export async function miniappCommand(argv: readonly string[], io: Io): Promise<number> {
  const [sub, ...rest] = argv;
  const command = sub ? subcommands[sub] : undefined;
  if (!command)
    throw new UsageError(
      `genio miniapp: ${sub ? `unknown subcommand "${sub}"` : 'which subcommand?'}\n\n${miniappUsage}`,
    );
  return command(rest, io);
}
