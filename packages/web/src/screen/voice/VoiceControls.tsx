import { useEffect, useRef } from 'preact/hooks';
import { useI18n } from '../i18n.js';
import type { Speaker } from './useSpeaker.js';
import type { Voice, VoiceProblem } from './useVoice.js';

/** Keys typed into these go to them, not to hold-to-talk. */
function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target.closest('input, textarea, select')) return true;
  // Space on another button or switch presses that control.
  return target.closest('button, [role="switch"], [role="slider"], a') !== null && !target.closest('.mic');
}

/**
 * The microphone: press and hold (touch, mouse, or Space when not typing), or Enter on the button to
 * start and again to stop. A level meter while listening, the transcript after, and why not when it cannot.
 */
export function MicButton({ voice, canHear }: { voice: Voice; canHear: boolean }) {
  const { s } = useI18n();
  const spaceHeld = useRef(false);
  const latest = useRef(voice);
  latest.current = voice;

  useEffect(() => {
    if (!canHear) return;
    const down = (event: KeyboardEvent) => {
      if (event.code !== 'Space' || event.repeat || isTypingTarget(event.target)) return;
      event.preventDefault();
      spaceHeld.current = true;
      void latest.current.press();
    };
    const up = (event: KeyboardEvent) => {
      if (event.code !== 'Space' || !spaceHeld.current) return;
      event.preventDefault();
      spaceHeld.current = false;
      latest.current.release();
    };
    window.addEventListener('keydown', down);
    window.addEventListener('keyup', up);
    return () => {
      window.removeEventListener('keydown', down);
      window.removeEventListener('keyup', up);
    };
  }, [canHear]);

  const active = voice.phase === 'opening' || voice.phase === 'listening';
  const label = active ? s.micRelease : voice.phase === 'thinking' ? s.micThinking : s.micHold;
  return (
    <div class="voice" data-phase={voice.phase}>
      <button
        type="button"
        class="mic"
        data-testid="mic"
        aria-pressed={active}
        aria-disabled={!canHear}
        aria-describedby="voice-status"
        disabled={!canHear}
        onPointerDown={(event) => {
          if (event.button !== 0) return;
          event.currentTarget.setPointerCapture(event.pointerId);
          void voice.press();
        }}
        onPointerUp={() => voice.release()}
        onPointerCancel={() => voice.release()}
        onContextMenu={(event) => event.preventDefault()}
        onKeyDown={(event) => {
          if (event.key !== 'Enter' || event.repeat) return;
          event.preventDefault();
          if (active) voice.release();
          else void voice.press();
        }}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true" width="40" height="40">
          <path
            fill="currentColor"
            d="M12 14a3 3 0 0 0 3-3V5a3 3 0 0 0-6 0v6a3 3 0 0 0 3 3zm5-3a5 5 0 0 1-10 0H5a7 7 0 0 0 6 6.92V21h2v-3.08A7 7 0 0 0 19 11h-2z"
          />
        </svg>
        <span class="mic-label">{label}</span>
      </button>
      <meter
        class="level"
        data-testid="mic-level"
        aria-label={s.micLevel}
        min={0}
        max={1}
        value={active ? Math.min(1, voice.level * 4) : 0}
      />
      <p id="voice-status" class="voice-status" aria-live="polite" data-testid="voice-status">
        {!canHear ? (
          <span data-testid="voice-unavailable">{s.voiceUnavailable}</span>
        ) : voice.problem ? (
          <span class="error" role="alert" data-testid="voice-problem">
            {problemText(voice.problem, s)}
          </span>
        ) : voice.heard ? (
          <span data-testid="transcript">
            <span class="visually-hidden">{s.heard}: </span>“{voice.heard}”
          </span>
        ) : (
          <span class="muted">{s.micHint}</span>
        )}
      </p>
    </div>
  );
}

function problemText(problem: VoiceProblem, s: ReturnType<typeof useI18n>['s']): string {
  switch (problem.kind) {
    case 'mic':
      return problem.reason === 'denied'
        ? s.micDenied
        : problem.reason === 'missing'
          ? s.micMissing
          : s.micFailed;
    case 'offline':
      return s.voiceOffline;
    case 'not-heard':
      return s.notHeard;
    case 'hub':
      return problem.detail;
  }
}

/** Volume and mute, remembered on this screen; says when answers cannot be spoken. */
export function SoundControls({ speaker }: { speaker: Speaker }) {
  const { s } = useI18n();
  return (
    <div class="sound">
      <button
        type="button"
        class="quiet"
        data-testid="mute"
        aria-pressed={speaker.sound.muted}
        onClick={() => speaker.toggleMute()}
      >
        {speaker.sound.muted ? s.unmute : s.mute}
      </button>
      <label class="volume">
        <span>{s.volume}</span>
        <input
          type="range"
          min={0}
          max={100}
          step={5}
          value={Math.round(speaker.sound.volume * 100)}
          onInput={(event) => speaker.setVolume(Number(event.currentTarget.value) / 100)}
        />
      </label>
      {!speaker.canSpeak ? (
        <span class="muted" data-testid="speech-unavailable">
          {s.speakUnavailable}
        </span>
      ) : speaker.problem ? (
        <span class="error" role="alert" data-testid="speak-problem">
          {s.speakFailed}: {speaker.problem}
        </span>
      ) : null}
    </div>
  );
}
