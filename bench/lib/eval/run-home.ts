/** One evaluation home on a running hub: register it in one language, connect its plain devices, play its cases. */
import type { HubClient } from './hub-client.js';
import { type DeviceEffects, judgeCase, type Verdict } from './match.js';
import { PlainDevice } from './plain-device.js';
import type { EvalCase, EvalLanguage, HomeSet } from './types.js';

/** Time left for commands still on their way after the last answer. */
const STRAGGLER_MS = 150;

export interface CaseResult {
  set: string;
  language: EvalLanguage;
  id: string;
  turns: string[];
  replies: string[];
  received: Record<string, DeviceEffects>;
  timers: string[] | null;
  verdict: Verdict;
  /** Wall time of the turns, ms. */
  turnMs: number[];
}

interface Timer {
  id: string;
  name: string | null;
}

/** The parts of a conversation answer the scorer reads. */
export interface ConversationAnswer {
  conversationId: string;
  speech: { text: string };
}

/** How one turn reaches the hub: typed by default; the speech scorer posts audio instead. */
export type SendTurn = (turn: {
  homeId: string;
  text: string;
  conversationId: string | undefined;
}) => Promise<ConversationAnswer>;

/** Register every product of a set once (products are global on a hub); returns product id -> productKey. */
export async function registerProducts(client: HubClient, set: HomeSet): Promise<Map<string, string>> {
  const keys = new Map<string, string>();
  for (const p of set.products) {
    const created = await client.call<{ productKey: string }>('POST', '/api/v1/products', {
      name: `${p.name} (${set.name})`,
      category: p.category,
      thingModel: p.thingModel,
      ...(p.capabilities ? { capabilities: p.capabilities } : {}),
    });
    keys.set(p.id, created.productKey);
  }
  return keys;
}

export class EvalHome {
  private constructor(
    private readonly client: HubClient,
    private readonly set: HomeSet,
    readonly language: EvalLanguage,
    private readonly homeId: string,
    private readonly devices: Map<string, PlainDevice>,
  ) {}

  /** Create the home (named in its language) with its areas and devices, and connect a plain device for each. */
  static async create(
    client: HubClient,
    set: HomeSet,
    language: EvalLanguage,
    productKeys: Map<string, string>,
    mqttPort: number,
  ): Promise<EvalHome> {
    const home = await client.call<{ id: string }>('POST', '/api/v1/homes', {
      name: `${set.title} (${language})`,
      language,
    });
    const areaIds = new Map<string, string>();
    for (const area of set.areas) {
      const [name, ...aliases] = area.names[language];
      const created = await client.call<{ id: string }>('POST', `/api/v1/homes/${home.id}/areas`, {
        name,
        aliases,
      });
      areaIds.set(area.id, created.id);
    }
    const devices = new Map<string, PlainDevice>();
    const evalHome = new EvalHome(client, set, language, home.id, devices);
    for (const spec of set.devices) {
      const [name, ...aliases] = spec.names[language];
      const productKey = productKeys.get(spec.product) as string;
      const created = await client.call<{ deviceName: string; deviceSecret: string }>(
        'POST',
        '/api/v1/devices',
        {
          productKey,
          homeId: home.id,
          ...(spec.area ? { areaId: areaIds.get(spec.area) } : {}),
          name,
          aliases,
        },
      );
      const product = set.products.find((p) => p.id === spec.product);
      devices.set(
        spec.id,
        new PlainDevice({
          port: mqttPort,
          productKey,
          deviceName: created.deviceName,
          deviceSecret: created.deviceSecret,
          serviceEffects: product?.serviceEffects ?? {},
        }),
      );
    }
    try {
      await Promise.all([...devices.values()].map((d) => d.connect()));
    } catch (error) {
      await evalHome.close();
      throw error;
    }
    return evalHome;
  }

  /** Every device back to its initial state, no timer running, nothing recorded. */
  private async reset(): Promise<void> {
    const timers = await this.client.call<Timer[]>('GET', `/api/v1/homes/${this.homeId}/timers`);
    await Promise.all(
      timers.map((t) => this.client.call('DELETE', `/api/v1/homes/${this.homeId}/timers/${t.id}`)),
    );
    await Promise.all(
      this.set.devices.map((spec) => {
        const device = this.devices.get(spec.id) as PlainDevice;
        return Object.keys(spec.initial).length ? device.report(spec.initial) : Promise.resolve();
      }),
    );
    for (const device of this.devices.values()) device.clear();
  }

  async runCase(c: EvalCase, send?: SendTurn): Promise<CaseResult> {
    await this.reset();
    const replies: string[] = [];
    const turnMs: number[] = [];
    let conversationId: string | undefined;
    for (const text of c.turns) {
      const t0 = performance.now();
      try {
        const answer: ConversationAnswer = send
          ? await send({ homeId: this.homeId, text, conversationId })
          : await this.client.call('POST', '/api/v1/conversation', {
              text,
              homeId: this.homeId,
              ...(conversationId ? { conversationId } : {}),
            });
        conversationId = answer.conversationId;
        replies.push(answer.speech.text);
      } catch (error) {
        replies.push(`[request failed: ${(error as Error).message}]`);
      }
      turnMs.push(performance.now() - t0);
    }
    await new Promise((r) => setTimeout(r, STRAGGLER_MS));
    const received = new Map<string, DeviceEffects>();
    for (const [id, device] of this.devices) {
      const e = device.effects;
      if (Object.keys(e.properties).length || e.services.length)
        received.set(id, { properties: { ...e.properties }, services: [...e.services] });
    }
    const timers =
      c.timers === null
        ? null
        : (await this.client.call<Timer[]>('GET', `/api/v1/homes/${this.homeId}/timers`)).map(
            (t) => t.name ?? '',
          );
    const verdict = judgeCase(c, { received, timers, reply: replies.at(-1) ?? '' });
    return {
      set: this.set.name,
      language: this.language,
      id: c.id,
      turns: c.turns,
      replies,
      received: Object.fromEntries(received),
      timers,
      verdict,
      turnMs,
    };
  }

  async close(): Promise<void> {
    await Promise.all([...this.devices.values()].map((d) => d.close().catch(() => {})));
  }
}
