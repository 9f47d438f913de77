import { useCallback, useEffect, useState } from 'preact/hooks';
import type { Hub } from '../hub.js';
import { type CatalogueApp, type InstalledApp, readCatalogue, readInstalled } from './model.js';

/** The catalogue and this home's apps, with the household's actions on them. */
export function useMiniApps(hub: Hub) {
  const { api, homeId } = hub;
  const base = `/api/v1/homes/${encodeURIComponent(homeId)}/miniapps`;
  const [catalogue, setCatalogue] = useState<CatalogueApp[] | null>(null);
  const [installed, setInstalled] = useState<InstalledApp[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((v) => v + 1), []);

  useEffect(() => {
    let cancelled = false;
    Promise.all([api.get<unknown>('/api/v1/miniapps'), api.get<unknown>(base)]).then(
      ([published, mine]) => {
        if (cancelled) return;
        setCatalogue(readCatalogue(published));
        setInstalled(readInstalled(mine));
        setError(null);
      },
      (failure: unknown) => {
        if (!cancelled) setError(failure instanceof Error ? failure.message : String(failure));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api, base, version, hub.epoch]);

  const act = async (run: () => Promise<unknown>) => {
    await run();
    reload();
  };
  const app = (appId: string) => `${base}/${encodeURIComponent(appId)}`;
  return {
    catalogue,
    installed,
    error,
    reload,
    install: (appId: string, grants: string[]) => act(() => api.post(base, { appId, grants })),
    setEnabled: (appId: string, enabled: boolean) => act(() => api.patch(app(appId), { enabled })),
    update: (appId: string, grants: string[]) => act(() => api.patch(app(appId), { update: true, grants })),
    uninstall: (appId: string) => act(() => api.delete(app(appId))),
  };
}
