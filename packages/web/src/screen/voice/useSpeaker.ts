import type { Language } from '@genio/contracts';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { type Hub, useHubEvents } from '../hub.js';
import { SpeechPlayer } from './player.js';
import { loadSound, type SoundSettings, saveSound } from './settings.js';

/**
 * The screen's loudspeaker: speaks answers and announcements (finished timers, orders ready) in the
 * home's language when the hub has a voice for it, with a remembered volume and mute.
 */
export function useSpeaker(hub: Hub, language: Language, speakable: readonly Language[]) {
  const [sound, setSound] = useState<SoundSettings>(() => loadSound());
  const [problem, setProblem] = useState<string | null>(null);
  const player = useMemo(() => new SpeechPlayer(hub.api, setProblem), [hub.api]);
  const voices = useRef(speakable);
  voices.current = speakable;
  const home = useRef(language);
  home.current = language;

  useEffect(() => () => player.close(), [player]);
  useEffect(() => {
    player.setVolume(sound.muted ? 0 : sound.volume);
    saveSound(sound);
  }, [player, sound]);

  const say = (text: string, spokenIn: Language = home.current) => {
    if (!voices.current.includes(spokenIn)) return;
    setProblem(null);
    player.say(text, spokenIn);
  };
  useHubEvents(hub, (event) => {
    if (event.name !== 'timer.finished' && event.name !== 'order.ready') return;
    const { speech } = event.payload;
    if (typeof speech === 'string') say(speech);
  });

  return {
    player,
    sound,
    problem,
    /** Whether the home's language can be spoken here. */
    canSpeak: speakable.includes(language),
    say,
    setVolume: (volume: number) => setSound((s) => ({ volume, muted: volume === 0 ? s.muted : false })),
    toggleMute: () => setSound((s) => ({ ...s, muted: !s.muted })),
  };
}

/** The loudspeaker of the screen. */
export type Speaker = ReturnType<typeof useSpeaker>;
