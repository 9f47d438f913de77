import { TimerIcon } from './icons.js';
import type { TextCard, UnknownCard } from './types.js';

/**
 * A title and a paragraph (also the fallback for unknown card types). When the paragraph is what the
 * assistant just said, it is marked as the speech, so the reply shows it once, here.
 */
export function TextCardView({
  card,
  note,
  isSpeech = false,
}: {
  card: TextCard | UnknownCard;
  note?: string;
  isSpeech?: boolean;
}) {
  return (
    <>
      {card.title && card.title !== card.text ? (
        <h3 class="card-title">
          {card.type === 'text' && card.icon === 'timer' ? <TimerIcon /> : null}
          {card.title}
        </h3>
      ) : null}
      {card.text ? (
        <p
          class={isSpeech ? 'card-text speech' : 'card-text'}
          {...(isSpeech ? { 'data-testid': 'speech' } : {})}
        >
          {card.text}
        </p>
      ) : null}
      {note ? <p class="card-note">{note}</p> : null}
    </>
  );
}
