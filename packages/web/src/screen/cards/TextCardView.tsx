import type { TextCard, UnknownCard } from './types.js';

/** A title and a paragraph (also the fallback for unknown card types). */
export function TextCardView({ card, note }: { card: TextCard | UnknownCard; note?: string }) {
  return (
    <>
      {card.title && card.title !== card.text ? <h3 class="card-title">{card.title}</h3> : null}
      {card.text ? <p class="card-text">{card.text}</p> : null}
      {note ? <p class="card-note">{note}</p> : null}
    </>
  );
}
