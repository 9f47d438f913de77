/**
 * The cards a turn may carry (declarative JSON, never HTML). The hub sends `text` and `list` today
 * (packages/hub/src/assistant/dispatch.ts); the others are what mini-apps and commerce will send.
 */
export interface TextCard {
  type: 'text';
  title: string;
  text: string;
  /** A picture drawn before the title (an inline SVG, never an emoji a screen may lack a font for). */
  icon?: 'timer';
}

export interface ListItem {
  id: string;
  title: string;
  subtitle?: string;
}

export interface ListCard {
  type: 'list';
  title: string;
  items: ListItem[];
}

export interface ProductItem {
  id: string;
  title: string;
  /** Minor units (cents) of `currency`. */
  price?: number;
  currency?: string;
  imageUrl?: string;
}

export interface ProductGridCard {
  type: 'product-grid';
  title: string;
  items: ProductItem[];
}

export interface FormField {
  name: string;
  label: string;
  type: 'text' | 'number' | 'select';
  options?: string[];
}

export interface FormCard {
  type: 'form';
  title: string;
  fields: FormField[];
  submitLabel?: string;
}

export interface MediaCard {
  type: 'media';
  title: string;
  url: string;
  kind: 'image' | 'video' | 'audio';
}

export interface ConfirmationCard {
  type: 'confirmation';
  title: string;
  text: string;
  confirmLabel?: string;
  cancelLabel?: string;
}

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
