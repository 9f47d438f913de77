import type { Home as ContractHome } from '@genio/contracts';
import { useEffect, useState } from 'preact/hooks';
import { isLanguage } from '../lib/i18n.js';
import { type Hub, useHubEvents } from './hub.js';

/** What the screen shows of the paired home (`GET /api/v1/homes/{homeId}`, shape from the contract). */
export type Home = Pick<ContractHome, 'id' | 'name' | 'language'>;

/** The home's name and language, following `home.updated`. */
export function useHome(hub: Hub): { home: Home | null; error: string | null } {
  const [home, setHome] = useState<Home | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { api, homeId } = hub;

  useEffect(() => {
    let cancelled = false;
    api
      .get<ContractHome>(`/api/v1/homes/${encodeURIComponent(homeId)}`)
      .then((found) => {
        if (cancelled) return;
        setHome({
          id: found.id,
          name: found.name,
          language: isLanguage(found.language) ? found.language : 'en',
        });
        setError(null);
      })
      .catch((failure: unknown) => {
        if (!cancelled) setError(failure instanceof Error ? failure.message : String(failure));
      });
    return () => {
      cancelled = true;
    };
  }, [api, homeId, hub.epoch]);

  useHubEvents(hub, (event) => {
    if (event.name !== 'home.updated' || event.payload.homeId !== homeId) return;
    const { name, language } = event.payload;
    setHome((current) => ({
      id: homeId,
      name: typeof name === 'string' ? name : (current?.name ?? ''),
      language: isLanguage(language) ? language : (current?.language ?? 'en'),
    }));
  });

  return { home, error };
}
