import type { Bus } from '../bus/index.js';
import type { Device, DevicesModule } from '../devices/index.js';
import { type Language, languages } from '../errors/index.js';
import type { Area, HomeService } from '../homes/index.js';
import { ownerNames } from './command/owners.js';
import { pluralOf } from './command/plural.js';
import { foldText } from './nlu/normalize.js';
import type { ListEntry } from './nlu/recognizer.js';

/** What the assistant knows about a home for one turn: its devices, areas and slot lists. */
export interface HomeContext {
  devices: Device[];
  areas: Area[];
  lists: { name: ListEntry[]; area: ListEntry[] };
}

/**
 * Slot lists stay live without restarts: a home's context is rebuilt on the first turn after any
 * change to its devices or areas (announced on the bus), and reused until then.
 */
export function createHomeContexts(deps: { devices: DevicesModule; homes: HomeService; bus: Bus }) {
  const cache = new Map<string, Promise<HomeContext>>();
  deps.bus.onAny('assistant', ({ name, payload }) => {
    if (!/^(device\.(created|updated|deleted)|area\.|home\.)/.test(name)) return;
    const homeId = (payload as { homeId?: string }).homeId;
    if (homeId) cache.delete(homeId);
  });

  async function build(homeId: string): Promise<HomeContext> {
    const [devices, areas, home] = await Promise.all([
      deps.devices.registry.list({ homeId }),
      deps.homes.listAreas(homeId),
      deps.homes.getHome(homeId),
    ]);
    const name: ListEntry[] = [];
    for (const d of devices) for (const text of [d.name, ...d.aliases]) name.push({ text, value: d.id });
    // "The desk lamps", "le plafoniere": the plural of a name two devices share names them both. A name of
    // one device keeps no plural: "le luci del soggiorno" are the room's lights, not the one called "luce del soggiorno".
    const taken = new Set(name.map((e) => foldText(e.text)));
    const sharers = new Map<string, number>();
    for (const e of name) sharers.set(foldText(e.text), (sharers.get(foldText(e.text)) ?? 0) + 1);
    const language = (languages as readonly string[]).includes(home.language)
      ? (home.language as Language)
      : 'en';
    for (const d of devices)
      for (const text of [d.name, ...d.aliases]) {
        const plural = (sharers.get(foldText(text)) ?? 0) > 1 ? pluralOf(text, language) : null;
        if (plural && !taken.has(plural)) name.push({ text: plural, value: d.id });
      }
    const area: ListEntry[] = [];
    for (const a of areas) for (const text of [a.name, ...a.aliases]) area.push({ text, value: a.id });
    area.push(
      ...ownerNames(
        areas.map((a) => ({ id: a.id, names: [a.name, ...a.aliases] })),
        devices.flatMap((d) => [d.name, ...d.aliases]),
      ),
    );
    return { devices, areas, lists: { name, area } };
  }

  return {
    /** The context of a home; device properties are read fresh by callers that need state. */
    get(homeId: string): Promise<HomeContext> {
      let found = cache.get(homeId);
      if (!found) {
        found = build(homeId);
        cache.set(homeId, found);
        found.catch(() => cache.delete(homeId));
      }
      return found;
    },
  };
}

/** The home contexts. */
export type HomeContexts = ReturnType<typeof createHomeContexts>;
