/**
 * The cards a turn may carry (declarative JSON, never HTML), as the contract defines them
 * (packages/contracts); the hub sends `text` and `list` today, mini-apps and commerce the others.
 */
import type {
  ConfirmationCard,
  FormCard,
  ListCard,
  MediaCard,
  ProductGridCard,
  TextCard,
} from '@genio/contracts';

export type {
  ConfirmationCard,
  FormCard,
  FormField,
  ListCard,
  ListItem,
  MediaCard,
  ProductGridCard,
  ProductItem,
  TextCard,
} from '@genio/contracts';

/** A card of a type this screen does not know, shown as text. */
export interface UnknownCard {
  type: 'unknown';
  title: string;
  text: string;
}

/** Every card the screen renders. */
export type Card =
  | TextCard
  | ListCard
  | ProductGridCard
  | FormCard
  | MediaCard
  | ConfirmationCard
  | UnknownCard;

/** What a card may ask the conversation to do: say the next turn, with the id of the item chosen, if any. */
export type Say = (text: string, choice?: string) => void;
