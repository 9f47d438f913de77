import { useCallback, useRef, useState } from 'preact/hooks';
import { parseCard } from '../cards/parse.js';
import type { Card } from '../cards/types.js';
import type { Hub } from '../hub.js';
import { sendTurn, type TurnReply } from './turns.js';

/** The latest exchange shown on the screen. */
export interface Exchange {
  /** Increases with each reply, so a card's inputs start fresh. */
  seq: number;
  said: string;
  reply: string | null;
  card: Card | null;
  error: string | null;
}

/**
 * Conversation state: the last exchange, whether a turn is running, and `say` (keeps conversationId
 * while the assistant asks; a tapped item's id goes with the answer, so the hub knows which one was meant).
 */
export function useConversation(hub: Hub, onAnswer?: (reply: TurnReply) => void) {
  const [exchange, setExchange] = useState<Exchange | null>(null);
  const [busy, setBusy] = useState(false);
  const conversation = useRef<string | null>(null);
  const seq = useRef(0);
  const hubRef = useRef(hub);
  hubRef.current = hub;
  const answered = useRef(onAnswer);
  answered.current = onAnswer;

  /** Show an exchange whose answer is already on its way (typed, or heard by the hub). */
  const track = useCallback(async (said: string, pending: Promise<TurnReply>): Promise<boolean> => {
    const text = said.trim();
    const n = ++seq.current;
    setBusy(true);
    setExchange((previous) => ({
      seq: n,
      said: text,
      reply: null,
      card: previous?.card ?? null,
      error: null,
    }));
    try {
      const reply = await pending;
      conversation.current = reply.continueConversation ? reply.conversationId : null;
      answered.current?.(reply);
      if (n === seq.current)
        setExchange({
          seq: n,
          said: text,
          reply: reply.speech.text,
          card: parseCard(reply.card),
          error: null,
        });
      return true;
    } catch (error) {
      if (n === seq.current)
        setExchange({
          seq: n,
          said: text,
          reply: null,
          card: null,
          error: error instanceof Error ? error.message : String(error),
        });
      return false;
    } finally {
      if (n === seq.current) setBusy(false);
    }
  }, []);

  const say = useCallback(
    async (raw: string, choice?: string): Promise<boolean> => {
      const text = raw.trim();
      if (!text) return false;
      return track(text, sendTurn(hubRef.current, text, conversation.current, choice));
    },
    [track],
  );
  /** The conversation a follow-up continues (the assistant asked a question), if any. */
  const conversationId = useCallback(() => conversation.current, []);

  return { exchange, busy, say, track, conversationId };
}
