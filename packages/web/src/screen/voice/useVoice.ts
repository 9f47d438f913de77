import { type Language, SCREEN_AUDIO_RATE } from '@genio/contracts';
import { useEffect, useRef, useState } from 'preact/hooks';
import { awaitTurn, type TurnReply } from '../conversation/turns.js';
import type { Hub } from '../hub.js';
import { type Capture, CaptureError, type CaptureFailure, startCapture } from './capture.js';

/** Where hold-to-talk is. */
export type VoicePhase = 'idle' | 'opening' | 'listening' | 'thinking';

/** A problem the screen shows in words (never a silent failure). */
export type VoiceProblem =
  | { kind: 'mic'; reason: CaptureFailure }
  | { kind: 'offline' }
  | { kind: 'not-heard' }
  | { kind: 'hub'; detail: string };

interface Utterance {
  id: string;
  capture: Capture | null;
  released: boolean;
  ended: boolean;
}

let nextUtterance = 0;

/**
 * Hold-to-talk: press() opens the microphone and streams 16 kHz PCM to the hub after `audio.start`,
 * release() ends it with `audio.stop` (the hub may end it first, at silence). The transcript shows,
 * and the answer goes through `track` like a typed turn's.
 */
export function useVoice(
  hub: Hub,
  language: Language,
  conversation: {
    track: (said: string, reply: Promise<TurnReply>) => Promise<boolean>;
    conversationId: () => string | null;
  },
  onPress: () => void,
) {
  const [phase, setPhase] = useState<VoicePhase>('idle');
  const [level, setLevel] = useState(0);
  const [heard, setHeard] = useState<string | null>(null);
  const [problem, setProblem] = useState<VoiceProblem | null>(null);
  const current = useRef<Utterance | null>(null);
  const hubRef = useRef(hub);
  hubRef.current = hub;

  const finishCapture = (utterance: Utterance) => {
    utterance.capture?.stop();
    utterance.capture = null;
    setLevel(0);
  };

  useEffect(
    () =>
      hub.onMessage((message) => {
        const utterance = current.current;
        if (!utterance || message.id !== utterance.id) return;
        if (message.type === 'audio.end') {
          utterance.ended = true;
          finishCapture(utterance);
          if (message.reason === 'cancelled') {
            current.current = null;
            setPhase('idle');
          } else setPhase('thinking');
        } else if (message.type === 'audio.transcript') {
          current.current = null;
          setPhase('idle');
          const text = typeof message.text === 'string' ? message.text : '';
          setHeard(text || null);
          if (!text) {
            setProblem({ kind: 'not-heard' });
            return;
          }
          void conversation.track(text, awaitTurn(hubRef.current, utterance.id));
        } else if (message.type === 'error') {
          finishCapture(utterance);
          current.current = null;
          setPhase('idle');
          const detail = (message.problem as { detail?: unknown } | undefined)?.detail;
          setProblem({ kind: 'hub', detail: typeof detail === 'string' ? detail : String(message.code) });
        }
      }),
    [hub.onMessage],
  );

  const release = () => {
    const utterance = current.current;
    if (!utterance || utterance.released) return;
    utterance.released = true;
    if (!utterance.capture) return; // still opening: stopped as soon as it opens
    finishCapture(utterance);
    if (!utterance.ended) hubRef.current.send({ type: 'audio.stop' });
    setPhase('thinking');
  };

  const press = async () => {
    onPress();
    if (current.current) return;
    const id = `voice-${++nextUtterance}`;
    const utterance: Utterance = { id, capture: null, released: false, ended: false };
    const conversationId = conversation.conversationId();
    setProblem(null);
    setHeard(null);
    if (
      !hubRef.current.send({
        type: 'audio.start',
        id,
        language,
        rate: SCREEN_AUDIO_RATE,
        ...(conversationId ? { conversationId } : {}),
      })
    ) {
      setProblem({ kind: 'offline' });
      return;
    }
    current.current = utterance;
    setPhase('opening');
    try {
      utterance.capture = await startCapture((pcm, loudness) => {
        if (current.current !== utterance || utterance.ended) return;
        hubRef.current.sendBinary(pcm);
        setLevel(loudness);
      });
    } catch (error) {
      if (current.current === utterance) current.current = null;
      hubRef.current.send({ type: 'audio.cancel' });
      setPhase('idle');
      setProblem({ kind: 'mic', reason: error instanceof CaptureError ? error.reason : 'failed' });
      return;
    }
    if (current.current !== utterance || utterance.ended) {
      finishCapture(utterance);
      return;
    }
    if (utterance.released) {
      utterance.released = false;
      release();
      return;
    }
    setPhase('listening');
  };

  useEffect(
    () => () => {
      const utterance = current.current;
      if (utterance) finishCapture(utterance);
    },
    [],
  );

  return { phase, level, heard, problem, press, release };
}

/** Hold-to-talk state and actions. */
export type Voice = ReturnType<typeof useVoice>;
