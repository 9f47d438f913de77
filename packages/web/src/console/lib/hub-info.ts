import type { ConsoleApi } from './console-api.js';
import { useSession } from './context.js';
import { type Loaded, useLoad } from './use-load.js';

/** GET /api/v1/hub: where devices find the broker, and the hub's public URL when one is configured. */
export interface HubInfo {
  version: string;
  mqtt: { host: string; port: number; wsPort: number | null; url: string };
  publicUrl: string | null;
}

const asked = new WeakMap<ConsoleApi, Promise<HubInfo>>();

/** The hub's info, asked once per signed-in session (it changes only when the hub restarts). */
export function hubInfo(api: ConsoleApi): Promise<HubInfo> {
  let pending = asked.get(api);
  if (!pending) {
    pending = api.get<HubInfo>('/api/v1/hub');
    pending.catch(() => asked.delete(api));
    asked.set(api, pending);
  }
  return pending;
}

export function useHubInfo(): Loaded<HubInfo> {
  const { api } = useSession();
  return useLoad(() => hubInfo(api), [api]);
}
