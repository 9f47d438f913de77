import { useI18n } from '../i18n.js';
import { ConfirmationCardView } from './ConfirmationCardView.js';
import { FormCardView } from './FormCardView.js';
import { ListCardView } from './ListCardView.js';
import { MediaCardView } from './MediaCardView.js';
import { ProductGridCardView } from './ProductGridCardView.js';
import { TextCardView } from './TextCardView.js';
import type { Card as CardData, Say } from './types.js';

interface Props {
  card: CardData;
  say: Say;
  cardId: string;
  /** The card's text is the assistant's reply, shown here instead of twice. */
  carriesSpeech?: boolean;
}

function Body({ card, say, cardId, carriesSpeech }: Props) {
  const { s } = useI18n();
  switch (card.type) {
    case 'text':
      return <TextCardView card={card} isSpeech={carriesSpeech} />;
    case 'list':
      return <ListCardView card={card} say={say} />;
    case 'product-grid':
      return <ProductGridCardView card={card} say={say} />;
    case 'form':
      return <FormCardView card={card} say={say} cardId={cardId} />;
    case 'media':
      return <MediaCardView card={card} />;
    case 'confirmation':
      return <ConfirmationCardView card={card} say={say} />;
    default:
      return <TextCardView card={card} note={card.text || card.title ? undefined : s.unknownCard} />;
  }
}

/** One card of a turn reply, dispatched on its type; unknown types fall back to text. */
export function Card(props: Props) {
  const { card } = props;
  return (
    <article class={`card card-${card.type}`} data-testid="card" data-card-type={card.type}>
      <Body {...props} />
    </article>
  );
}
