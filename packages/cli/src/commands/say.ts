import { type Io, takeOptions, UsageError } from '../io.js';

export const sayUsage = `genio say "<text>" [--home <homeId>] [--lang zh|en|it|fr] [--json]
          [--url http://localhost:8700] [--token <token>] [--conversation <id>]

Sends one turn to a running hub and prints the answer (the whole turn with --json). Without
--home, a household token's home is used, or the only home there is. The token comes from
--token or GENIO_TOKEN.`;

interface Turn {
  conversationId: string;
  language: string;
  intent: { name: string } | null;
  speech: { text: string };
  continueConversation: boolean;
}

async function call<T>(url: string, token: string, method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(new URL(path, url), {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new UsageError(`cannot reach the hub at ${url}: is it running? (genio start)`);
  }
  const text = await response.text();
  if (!response.ok) {
    let detail = text;
    try {
      detail = (JSON.parse(text) as { detail?: string }).detail ?? text;
    } catch {}
    throw new UsageError(`${method} ${path}: ${response.status} ${detail}`);
  }
  return JSON.parse(text) as T;
}

/** `genio say "<text>"`: one conversation turn against a running hub. */
export async function sayCommand(argv: readonly string[], io: Io): Promise<number> {
  const { options, rest } = takeOptions(argv, {
    home: 'string',
    lang: 'string',
    json: 'boolean',
    url: 'string',
    token: 'string',
    conversation: 'string',
  });
  const text = rest.join(' ').trim();
  if (!text) throw new UsageError(sayUsage);
  if (options.lang !== undefined && !['zh', 'en', 'it', 'fr'].includes(String(options.lang)))
    throw new UsageError('--lang must be one of zh, en, it, fr');
  const url = String(options.url ?? 'http://localhost:8700');
  const token = String(options.token ?? io.env.GENIO_TOKEN ?? '');
  if (!token) throw new UsageError(`a token is needed: --token or GENIO_TOKEN\n\n${sayUsage}`);
  let homeId = typeof options.home === 'string' ? options.home : undefined;
  if (!homeId) {
    const homes = await call<Array<{ id: string; name: string }>>(url, token, 'GET', '/api/v1/homes');
    if (homes.length !== 1) {
      throw new UsageError(
        homes.length
          ? `several homes: pick one with --home (${homes.map((h) => `${h.id} ${h.name}`).join(', ')})`
          : 'there is no home yet: create one first',
      );
    }
    homeId = (homes[0] as { id: string }).id;
  }
  const turn = await call<Turn>(url, token, 'POST', '/api/v1/conversation', {
    text,
    homeId,
    ...(options.lang ? { language: options.lang } : {}),
    ...(options.conversation ? { conversationId: options.conversation } : {}),
  });
  if (options.json) io.out(JSON.stringify(turn, null, 2));
  else {
    io.out(turn.speech.text);
    if (turn.continueConversation)
      io.out(`(answer with: genio say "..." --conversation ${turn.conversationId})`);
  }
  return 0;
}
