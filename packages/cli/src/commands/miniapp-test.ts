import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { type AppReply, type Language, languages } from '@genio/miniapp-sdk';
import { createTestHarness, type FakeHomeOptions } from '@genio/miniapp-sdk/testing';
import { CommandError, type Io, takeOptions, UsageError } from '../io.js';
import { type AppProject, readProject } from './miniapp-pack.js';

export const testUsage = `genio miniapp test [DIR] [--entry FILE]

Runs the conversations of DIR/test/conversations.json in the hub's sandbox against a fake home
(storage in memory, device commands and payments recorded, never sent).`;

/** What a user says and what the app must answer (speech is matched as a part of the answer). */
interface Step {
  say: string;
  expect?: {
    speech?: string;
    intent?: string;
    slots?: Record<string, unknown>;
    card?: Record<string, unknown>;
    ask?: string;
    end?: boolean;
    payments?: number;
    commands?: number;
  };
}

/** One conversation of the test file, in a fresh fake home. */
interface Conversation {
  name: string;
  language: Language;
  home?: FakeHomeOptions;
  steps: Step[];
}

function readConversations(dir: string): Conversation[] {
  const file = join(dir, 'test', 'conversations.json');
  if (!existsSync(file))
    throw new CommandError(
      `no test/conversations.json in ${dir}: write what users say and what the app answers`,
    );
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CommandError(`test/conversations.json is not valid JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(value) || value.length === 0)
    throw new CommandError('test/conversations.json must be a list of conversations');
  value.forEach((c: Partial<Conversation>, i) => {
    if (typeof c?.name !== 'string')
      throw new CommandError(`test/conversations.json [${i}].name: must be a text`);
    if (!languages.includes(c.language as Language))
      throw new CommandError(
        `test/conversations.json [${i}].language: must be one of ${languages.join(', ')}`,
      );
    if (!Array.isArray(c.steps) || c.steps.some((s) => typeof s?.say !== 'string'))
      throw new CommandError(`test/conversations.json [${i}].steps: must be a list of { say, expect }`);
  });
  return value as Conversation[];
}

const contains = (whole: unknown, part: Record<string, unknown>) =>
  typeof whole === 'object' &&
  whole !== null &&
  Object.entries(part).every(([k, v]) => isDeepStrictEqual((whole as Record<string, unknown>)[k], v));

/** What differs between an answer and its expectation; empty when it matches. */
function differences(
  step: Step,
  event: { type: string; intent?: string; slots?: Record<string, unknown> },
  reply: AppReply,
  counts: { payments: number; commands: number },
): string[] {
  const want = step.expect ?? {};
  const found: string[] = [];
  if (want.speech !== undefined && !reply.speech.includes(want.speech))
    found.push(`speech "${reply.speech}" does not contain "${want.speech}"`);
  if (want.intent !== undefined && (event.type !== 'intent' || event.intent !== want.intent))
    found.push(
      `recognised ${event.type === 'intent' ? `intent "${event.intent}"` : `"${event.type}"`}, expected intent "${want.intent}"`,
    );
  if (want.slots) {
    const values = event.slots ?? {};
    if (!contains(values, want.slots))
      found.push(`slots ${JSON.stringify(values)} do not contain ${JSON.stringify(want.slots)}`);
  }
  if (want.card && !contains(reply.card, want.card))
    found.push(`card ${JSON.stringify(reply.card ?? null)} does not contain ${JSON.stringify(want.card)}`);
  const asked = reply.ask === 'confirm' ? 'confirm' : reply.ask?.slot;
  if (want.ask !== undefined && asked !== want.ask)
    found.push(`asked for ${asked ?? 'nothing'}, expected ${want.ask}`);
  if (want.end !== undefined && Boolean(reply.end) !== want.end)
    found.push(want.end ? 'the app did not end' : 'the app ended');
  if (want.payments !== undefined && counts.payments !== want.payments)
    found.push(`${counts.payments} payment requests, expected ${want.payments}`);
  if (want.commands !== undefined && counts.commands !== want.commands)
    found.push(`${counts.commands} device commands, expected ${want.commands}`);
  return found;
}

/** Run every conversation; returns how many steps failed. */
export async function runConversations(
  project: AppProject,
  conversations: Conversation[],
  io: Io,
): Promise<{ passed: number; failed: number }> {
  let passed = 0;
  let failed = 0;
  for (const conversation of conversations) {
    const harness = await createTestHarness({
      manifest: project.manifest,
      bundle: project.bundle,
      language: conversation.language,
      ...(conversation.home ? { home: conversation.home } : {}),
    });
    const problems: string[] = [];
    for (const step of conversation.steps) {
      try {
        const { event, reply } = await harness.say(step.say);
        const found = differences(step, event, reply, {
          payments: harness.home.payments.length,
          commands: harness.home.commands.length,
        });
        problems.push(...found.map((f) => `"${step.say}": ${f}`));
      } catch (error) {
        problems.push(`"${step.say}": ${(error as Error).message}`);
      }
      if (problems.length) break;
    }
    harness.dispose();
    if (problems.length) {
      failed++;
      io.out(`✗ ${conversation.name} (${conversation.language})`);
      for (const p of problems) io.out(`    ${p}`);
      for (const line of harness.logs.filter((l) => l.level === 'error'))
        io.out(`    sandbox: ${line.code ? `[${line.code}] ` : ''}${line.message}`);
    } else {
      passed++;
      io.out(`✓ ${conversation.name} (${conversation.language})`);
    }
  }
  return { passed, failed };
}

/** `genio miniapp test [DIR]`. */
export async function testCommand(argv: readonly string[], io: Io): Promise<number> {
  const { options, rest } = takeOptions(argv, { entry: 'string' });
  if (rest.length > 1) throw new UsageError(testUsage);
  const dir = resolve(io.cwd, rest[0] ?? '.');
  const project = await readProject(dir, typeof options.entry === 'string' ? options.entry : undefined);
  const { passed, failed } = await runConversations(project, readConversations(dir), io);
  io.out(`${passed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

export { readConversations };
