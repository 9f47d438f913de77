import { useI18n } from '../i18n.js';
import type { ConfirmationCard, Say } from './types.js';

/** A question with two buttons that say "yes" or "no" in the UI language as the next turn. */
export function ConfirmationCardView({ card, say }: { card: ConfirmationCard; say: Say }) {
  const { s } = useI18n();
  return (
    <>
      <h3 class="card-title">{card.title}</h3>
      {card.text ? <p class="card-text">{card.text}</p> : null}
      <div class="card-actions">
        <button type="button" class="primary" onClick={() => say(s.yes)}>
          {card.confirmLabel ?? s.confirm}
        </button>
        <button type="button" onClick={() => say(s.no)}>
          {card.cancelLabel ?? s.cancel}
        </button>
      </div>
    </>
  );
}
