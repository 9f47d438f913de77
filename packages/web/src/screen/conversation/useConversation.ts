import { useCallback, useRef, useState } from 'preact/hooks';
import { parseCard } from '../cards/parse.js';
import type { Card } from '../cards/types.js';
import type { Hub } from '../hub.js';
import { sendTurn } from './turns.js';

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
export function useConversation(hub: Hub) {
  const [exchange, setExchange] = useState<Exchange | null>(null);
  const [busy, setBusy] = useState(false);
  const conversation = useRef<string | null>(null);
  const seq = useRef(0);
  const hubRef = useRef(hub);
  hubRef.current = hub;

  const say = useCallback(async (raw: string, choice?: string): Promise<boolean> => {
    const text = raw.trim();
    if (!text) return false;
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
      const reply = await sendTurn(hubRef.current, text, conversation.current, choice);
      conversation.current = reply.continueConversation ? reply.conversationId : null;
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

  return { exchange, busy, say };
}
