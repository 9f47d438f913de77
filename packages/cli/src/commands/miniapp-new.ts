import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import type { Manifest } from '@genio/miniapp-sdk';
import { CommandError, type Io, takeOptions, UsageError } from '../io.js';
import { checkManifest } from './miniapp-manifest.js';

export const newUsage = `genio miniapp new DIR [--id com.example.hello] [--name "Hello World"] [--name-zh 你好世界]

Makes an app that passes "genio miniapp test DIR" as created: manifest.json (English and Chinese),
src/app.js, test/conversations.json, package.json and a README.`;

function titleOf(dir: string): string {
  const words = basename(dir)
    .replace(/[^a-zA-Z0-9]+/g, ' ')
    .trim();
  return words ? words.replace(/\b\w/g, (c) => c.toUpperCase()) : 'Hello World';
}

function manifestFor(id: string, name: string, nameZh: string): Manifest {
  return {
    id,
    version: '1.0.0',
    name: { en: name, zh: nameZh },
    description: { en: `${name} greets the people you name.`, zh: `${nameZh}会向您说出的人问好。` },
    invocation: { en: [name], zh: [nameZh] },
    intents: [
      {
        name: 'greet',
        slots: { person: { type: 'text' } },
        sentences: {
          en: ['(say hello|say hi) to {person}', 'greet {person}'],
          zh: ['向{person}问好', '跟{person}打招呼'],
        },
      },
    ],
    permissions: [
      {
        name: 'storage',
        reason: { en: 'To count how many greetings it has said', zh: '用来记录问候的次数' },
      },
    ],
    resources: { memoryMb: 16, cpuMsPerEvent: 50, storageKb: 16 },
  };
}

const appSource = (
  name: string,
  nameZh: string,
) => `// ${name}: a Genio mini-app. It runs in the hub's sandbox: one plain script, no Node, no DOM, no
// imports. The one global is \`genio\`; everything else (storage, devices, payments) goes through
// \`host\`, and the hub checks each call against the manifest and the household's grants.
// Types: /** @type {import('@genio/miniapp-sdk').GuestApp} */ (npm i -D @genio/miniapp-sdk).

const words = {
  en: {
    title: ${JSON.stringify(name)},
    hello: 'Hello! Ask me to say hello to someone.',
    greet: (person, count) => \`Hello, \${person}! That makes \${count} greetings.\`,
    bye: 'Goodbye!',
  },
  zh: {
    title: ${JSON.stringify(nameZh)},
    hello: '你好！让我向某人问好吧。',
    greet: (person, count) => \`\${person}，你好！这是第\${count}次问候。\`,
    bye: '再见！',
  },
};

genio.register({
  async handle(event, host) {
    const say = words[event.language] ?? words.en;
    switch (event.type) {
      case 'launch':
        return { speech: say.hello, card: { type: 'text', title: say.title, text: say.hello } };
      case 'intent': {
        const person = event.slots.person ?? '?';
        const count = ((await host.storage.get({ key: 'greetings' })) ?? 0) + 1;
        await host.storage.set({ key: 'greetings', value: count });
        const text = say.greet(person, count);
        return { speech: text, card: { type: 'text', title: say.title, text } };
      }
      case 'end':
        return { speech: say.bye, end: true };
      default:
        return { speech: '' };
    }
  },
});
`;

const conversations = (name: string, nameZh: string) => [
  {
    name: 'opens and greets',
    language: 'en',
    steps: [
      { say: `open ${name}`, expect: { speech: 'Hello!', card: { type: 'text', title: name } } },
      {
        say: 'say hello to Ada',
        expect: { intent: 'greet', slots: { person: 'Ada' }, speech: '1 greetings' },
      },
      { say: 'greet Grace', expect: { speech: '2 greetings' } },
      { say: 'exit', expect: { end: true } },
    ],
  },
  {
    name: '打开并问好',
    language: 'zh',
    steps: [
      { say: `打开${nameZh}`, expect: { speech: '你好', card: { type: 'text', title: nameZh } } },
      { say: '向小明问好', expect: { intent: 'greet', slots: { person: '小明' }, speech: '第1次' } },
    ],
  },
];

/** Write the files of a new app; refuses a directory that is not empty. */
export function scaffoldApp(
  dir: string,
  options: { id?: string; name?: string; nameZh?: string } = {},
): string[] {
  if (existsSync(dir) && readdirSync(dir).length)
    throw new CommandError(`${dir} is not empty: pick a new directory`);
  const name = options.name ?? titleOf(dir);
  const nameZh = options.nameZh ?? name;
  const slug =
    basename(dir)
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'app';
  const id = options.id ?? `com.example.${/^[a-z]/.test(slug) ? slug : `app-${slug}`}`;
  const manifest = manifestFor(id, name, nameZh);
  const problems = checkManifest(manifest);
  if (problems.length)
    throw new CommandError(
      problems.map((p) => `${p.path === 'id' ? '--id' : p.path}: ${p.message}`).join('\n'),
    );
  const files: Array<[string, string]> = [
    ['manifest.json', `${JSON.stringify(manifest, null, 2)}\n`],
    ['src/app.js', appSource(name, nameZh)],
    ['test/conversations.json', `${JSON.stringify(conversations(name, nameZh), null, 2)}\n`],
    [
      'package.json',
      `${JSON.stringify(
        {
          name: slug,
          version: '1.0.0',
          private: true,
          scripts: { test: 'genio miniapp test .', pack: 'genio miniapp pack .', dev: 'genio miniapp dev .' },
        },
        null,
        2,
      )}\n`,
    ],
    ['.gitignore', 'dist/\nnode_modules/\n'],
    [
      'README.md',
      `# ${name}\n\nA Genio mini-app. See docs/miniapps.md of Genio.\n\n- \`genio miniapp test .\`: run test/conversations.json in the sandbox\n- \`genio miniapp pack .\`: write dist/${id}-1.0.0.gapp\n- \`genio miniapp publish dist/${id}-1.0.0.gapp --hub http://localhost:8700 --token <developer token>\`\n`,
    ],
  ];
  for (const [path, content] of files) {
    mkdirSync(resolve(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return files.map(([path]) => path);
}

/** \`genio miniapp new DIR\`. */
export async function newCommand(argv: readonly string[], io: Io): Promise<number> {
  const { options, rest } = takeOptions(argv, { id: 'string', name: 'string', 'name-zh': 'string' });
  if (rest.length !== 1) throw new UsageError(newUsage);
  const dir = resolve(io.cwd, rest[0] as string);
  const written = scaffoldApp(dir, {
    ...(typeof options.id === 'string' ? { id: options.id } : {}),
    ...(typeof options.name === 'string' ? { name: options.name } : {}),
    ...(typeof options['name-zh'] === 'string' ? { nameZh: options['name-zh'] } : {}),
  });
  const where = relative(io.cwd, dir) || '.';
  io.out(`Made ${where}: ${written.join(', ')}`);
  io.out(`Next: genio miniapp test ${where} && genio miniapp pack ${where}`);
  return 0;
}
