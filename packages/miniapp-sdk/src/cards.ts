/**
 * The cards an app may show: declarative JSON the screen draws with its own card renderer. An app
 * never sends HTML; text is shown as text. These mirror `CardSchema` of `@genio/contracts`.
 */

/** A title and a paragraph. */
export interface TextCard {
  type: 'text';
  title: string;
  text: string;
}

/** One item of a list. */
export interface ListItem {
  id: string;
  title: string;
  subtitle?: string;
}
/** Selectable items. */
export interface ListCard {
  type: 'list';
  title: string;
  items: ListItem[];
}

/** A product; `price` is in minor units (cents) of `currency`. */
export interface ProductItem {
  id: string;
  title: string;
  price?: number;
  currency?: string;
  imageUrl?: string;
}
/** Products in a grid. */
export interface ProductGridCard {
  type: 'product-grid';
  title: string;
  items: ProductItem[];
}

/** One field of a form. */
export interface FormField {
  name: string;
  label: string;
  type: 'text' | 'number' | 'select';
  options?: string[];
}
/** A form the user fills on the screen. */
export interface FormCard {
  type: 'form';
  title: string;
  fields: FormField[];
  submitLabel?: string;
}

/** An image, a video or a sound. */
export interface MediaCard {
  type: 'media';
  title: string;
  url: string;
  kind: 'image' | 'video' | 'audio';
}

/** A question with confirm and cancel buttons. */
export interface ConfirmationCard {
  type: 'confirmation';
  title: string;
  text: string;
  confirmLabel?: string;
  cancelLabel?: string;
}

/** Every card an app may show. */
export type Card = TextCard | ListCard | ProductGridCard | FormCard | MediaCard | ConfirmationCard;
