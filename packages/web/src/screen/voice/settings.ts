/** The screen's sound settings, remembered in localStorage: volume (0..1) and mute. */
export interface SoundSettings {
  volume: number;
  muted: boolean;
}

const KEY = 'genio.screen.sound';
const DEFAULTS: SoundSettings = { volume: 0.8, muted: false };

/** The stored settings, or the defaults when none (or unreadable). */
export function loadSound(storage: Storage = localStorage): SoundSettings {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(KEY) ?? 'null');
    if (!parsed || typeof parsed !== 'object') return DEFAULTS;
    const { volume, muted } = parsed as Record<string, unknown>;
    return {
      volume: typeof volume === 'number' && volume >= 0 && volume <= 1 ? volume : DEFAULTS.volume,
      muted: muted === true,
    };
  } catch {
    return DEFAULTS;
  }
}

/** Remember the settings. */
export function saveSound(settings: SoundSettings, storage: Storage = localStorage): void {
  try {
    storage.setItem(KEY, JSON.stringify(settings));
  } catch {
    // Private mode or full storage: the setting still applies until reload.
  }
}
