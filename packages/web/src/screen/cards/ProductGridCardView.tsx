import { useI18n } from '../i18n.js';
import type { ProductGridCard, ProductItem, Say } from './types.js';

/** A price in minor units as the UI language writes it ("€12.50", "12,50 €", "¥12.50"). */
export function formatPrice(item: ProductItem, language: string): string | null {
  if (item.price === undefined || !item.currency) return null;
  try {
    const formatter = new Intl.NumberFormat(language, { style: 'currency', currency: item.currency });
    const digits = formatter.resolvedOptions().maximumFractionDigits ?? 2;
    return formatter.format(item.price / 10 ** digits);
  } catch {
    return null;
  }
}

/** A grid of products with picture, name and price; tapping one chooses it (by id, saying its name). */
export function ProductGridCardView({ card, say }: { card: ProductGridCard; say: Say }) {
  const { language } = useI18n();
  return (
    <>
      <h3 class="card-title">{card.title}</h3>
      <ul class="product-grid">
        {card.items.map((item) => {
          const price = formatPrice(item, language);
          return (
            <li key={item.id} class="product">
              <button type="button" class="product-choose" onClick={() => say(item.title, item.id)}>
                <div class="product-image">
                  {item.imageUrl ? <img src={item.imageUrl} alt="" loading="lazy" /> : null}
                </div>
                <span class="item-title">{item.title}</span>
                {price ? <span class="product-price">{price}</span> : null}
              </button>
            </li>
          );
        })}
      </ul>
    </>
  );
}
