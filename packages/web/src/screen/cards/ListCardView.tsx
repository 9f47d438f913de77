import type { ListCard, ListItem, Say } from './types.js';

/**
 * Selectable items: tapping one answers with the item's id (the hub acts on that very device) and
 * says its title as the next turn. When several items share a title (two "night lamp"s in different
 * rooms) the subtitle tells them apart, so it is said instead.
 */
export function ListCardView({ card, say }: { card: ListCard; say: Say }) {
  const words = (item: ListItem) =>
    item.subtitle && card.items.filter((other) => other.title === item.title).length > 1
      ? item.subtitle
      : item.title;
  return (
    <>
      <h3 class="card-title">{card.title}</h3>
      <ul class="card-list">
        {card.items.map((item) => (
          <li key={item.id}>
            <button type="button" class="card-list-item" onClick={() => say(words(item), item.id)}>
              <span class="item-title">{item.title}</span>
              {item.subtitle ? <span class="item-subtitle">{item.subtitle}</span> : null}
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}
