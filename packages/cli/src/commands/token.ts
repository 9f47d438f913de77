import { createTokenService, openStorage, type Role, roles, type TokenInfo } from '@genio/hub';
import { type Io, takeOptions, UsageError } from '../io.js';
import { configFrom } from './start.js';

export const tokenUsage = `genio token create --role <${roles.join('|')}> [--home <homeId>] [--name <name>] [--json]
genio token list [--all] [--json]
genio token revoke <tokenId>

Works on the hub's database directly (same --data-dir / --db-url as genio start), so an operator
who lost the token can make a new one on the machine itself.`;

function line(t: TokenInfo): string {
  const state = t.revokedAt ? 'revoked' : 'active';
  return `${t.id.padEnd(22)} ${t.role.padEnd(10)} ${(t.homeId ?? '-').padEnd(20)} ${state.padEnd(8)} ${t.name}`;
}

/** `genio token create|list|revoke`. */
export async function tokenCommand(argv: readonly string[], io: Io): Promise<number> {
  const { config, rest } = configFrom(argv, io);
  const { options, rest: args } = takeOptions(rest, {
    role: 'string',
    home: 'string',
    name: 'string',
    json: 'boolean',
    all: 'boolean',
  });
  const [sub, ...more] = args;
  if (!sub || !['create', 'list', 'revoke'].includes(sub)) throw new UsageError(tokenUsage);

  const storage = await openStorage({ url: config.dbUrl, dataDir: config.dataDir });
  try {
    await storage.migrate();
    const tokens = createTokenService({ db: storage.db });
    if (sub === 'create') {
      const role = options.role;
      if (typeof role !== 'string' || !roles.includes(role as Role))
        throw new UsageError(`--role must be one of ${roles.join(', ')}\n\n${tokenUsage}`);
      const homeId = typeof options.home === 'string' ? options.home : null;
      const name = typeof options.name === 'string' ? options.name : `${role} (cli)`;
      const created = await tokens.create({ name, role: role as Role, homeId });
      if (options.json) io.out(JSON.stringify(created));
      else {
        io.out(`Created ${created.id} (${created.role}${created.homeId ? `, home ${created.homeId}` : ''}).`);
        io.out('Token (shown this once):');
        io.out(`  ${created.token}`);
      }
      return 0;
    }
    if (sub === 'list') {
      const list = await tokens.list({ includeRevoked: options.all === true });
      if (options.json) io.out(JSON.stringify(list));
      else {
        io.out(`${'ID'.padEnd(22)} ${'ROLE'.padEnd(10)} ${'HOME'.padEnd(20)} ${'STATE'.padEnd(8)} NAME`);
        for (const t of list) io.out(line(t));
      }
      return 0;
    }
    const id = more[0];
    if (!id) throw new UsageError(`genio token revoke needs a token id\n\n${tokenUsage}`);
    const revoked = await tokens.revoke(id);
    io.out(options.json ? JSON.stringify(revoked) : `Revoked ${revoked.id}.`);
    return 0;
  } finally {
    await storage.close();
  }
}
