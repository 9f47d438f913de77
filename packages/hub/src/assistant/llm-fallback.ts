/**
 * Optional fallback for utterances the grammar does not match: an OpenAI-compatible chat endpoint
 * gets the home's devices as one tool, `control_device`, and either calls it or answers in words.
 * Commands it asks for go through the same capability API as every other command, so it can do
 * nothing a household could not do by voice.
 */
import type { Logger } from 'pino';
import { capabilityNames, type DevicesModule } from '../devices/index.js';
import type { Language } from '../errors/index.js';
import type { HomeContext } from './home-context.js';

/** What the fallback decided. */
export type FallbackResult =
  | { kind: 'commands'; commands: Array<{ deviceId: string; capabilities: Record<string, unknown> }> }
  | { kind: 'answer'; text: string }
  | { kind: 'none' };

/** The fallback client. */
export interface LlmFallback {
  ask(text: string, language: Language, context: HomeContext): Promise<FallbackResult>;
}

const languageNames: Record<Language, string> = { zh: 'Chinese', en: 'English', it: 'Italian', fr: 'French' };

interface ChatResponse {
  choices?: Array<{
    message?: {
      content?: string | null;
      tool_calls?: Array<{ function?: { name?: string; arguments?: string } }>;
    };
  }>;
}

/** Create the fallback over an OpenAI-compatible `/chat/completions` endpoint. */
export function createLlmFallback(deps: {
  url: string;
  model: string;
  apiKey?: string | undefined;
  timeoutMs: number;
  devices: DevicesModule;
  log: Logger;
}): LlmFallback {
  const endpoint = `${deps.url.replace(/\/+$/, '')}/chat/completions`;

  async function describe(context: HomeContext): Promise<string> {
    const lines: string[] = [];
    for (const d of context.devices) {
      const product = await deps.devices.products.get(d.productKey);
      const area = context.areas.find((a) => a.id === d.areaId)?.name ?? 'no area';
      lines.push(
        `- id ${d.id}: "${d.name}" (${d.category}, ${area}${d.online ? '' : ', offline'}) capabilities: ${Object.keys(product.resolved).join(', ')}`,
      );
    }
    return lines.join('\n');
  }

  return {
    async ask(text, language, context) {
      const body = {
        model: deps.model,
        temperature: 0,
        messages: [
          {
            role: 'system',
            content: `You are the voice assistant of a home. Answer briefly in ${languageNames[language]}. To act on a device, call control_device with capability values (power true/false, brightness 0-100, targetTemperature in °C, mode, fanSpeed, position 0-100, color "#rrggbb", lock "locked"). Never unlock a door: doors are unlocked only from the app. Devices:\n${await describe(context)}`,
          },
          { role: 'user', content: text },
        ],
        tools: [
          {
            type: 'function',
            function: {
              name: 'control_device',
              description: 'Set capabilities of one device of this home',
              parameters: {
                type: 'object',
                properties: {
                  device_id: { type: 'string' },
                  capabilities: { type: 'object', description: `Any of: ${capabilityNames.join(', ')}` },
                },
                required: ['device_id', 'capabilities'],
              },
            },
          },
        ],
      };
      let response: ChatResponse;
      try {
        const res = await fetch(endpoint, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(deps.apiKey ? { authorization: `Bearer ${deps.apiKey}` } : {}),
          },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(deps.timeoutMs),
        });
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        response = (await res.json()) as ChatResponse;
      } catch (error) {
        deps.log.warn({ err: error, endpoint }, 'llm fallback failed');
        return { kind: 'none' };
      }
      const message = response.choices?.[0]?.message;
      const known = new Set(context.devices.map((d) => d.id));
      const commands: Array<{ deviceId: string; capabilities: Record<string, unknown> }> = [];
      for (const call of message?.tool_calls ?? []) {
        if (call.function?.name !== 'control_device') continue;
        try {
          const args = JSON.parse(call.function.arguments ?? '{}') as {
            device_id?: unknown;
            capabilities?: unknown;
          };
          // The model may only reach this home's devices.
          if (
            typeof args.device_id === 'string' &&
            known.has(args.device_id) &&
            args.capabilities &&
            typeof args.capabilities === 'object'
          ) {
            commands.push({
              deviceId: args.device_id,
              capabilities: args.capabilities as Record<string, unknown>,
            });
          }
        } catch {
          deps.log.warn({ arguments: call.function.arguments }, 'llm tool call with bad arguments ignored');
        }
      }
      if (commands.length) return { kind: 'commands', commands };
      const content = message?.content?.trim();
      return content ? { kind: 'answer', text: content.slice(0, 600) } : { kind: 'none' };
    },
  };
}
