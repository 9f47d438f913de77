import { type Static, Type } from 'typebox';

/** A title and a paragraph; `icon` is drawn by the screen (never an emoji, which may lack a font). */
export const TextCardSchema = Type.Object({
  type: Type.Literal('text'),
  title: Type.String(),
  text: Type.String(),
  icon: Type.Optional(Type.Literal('timer')),
});

/** One item of a list; for a "Which one?" question `id` is the device id the next turn may send as `choice`. */
export const ListItemSchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  subtitle: Type.Optional(Type.String()),
});
/** Selectable items. */
export const ListCardSchema = Type.Object({
  type: Type.Literal('list'),
  title: Type.String(),
  items: Type.Array(ListItemSchema),
});

/** A product; `price` is in minor units (cents) of `currency`. */
export const ProductItemSchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  price: Type.Optional(Type.Number()),
  currency: Type.Optional(Type.String()),
  imageUrl: Type.Optional(Type.String()),
});
export const ProductGridCardSchema = Type.Object({
  type: Type.Literal('product-grid'),
  title: Type.String(),
  items: Type.Array(ProductItemSchema),
});

export const FormFieldSchema = Type.Object({
  name: Type.String(),
  label: Type.String(),
  type: Type.Union([Type.Literal('text'), Type.Literal('number'), Type.Literal('select')]),
  options: Type.Optional(Type.Array(Type.String())),
});
export const FormCardSchema = Type.Object({
  type: Type.Literal('form'),
  title: Type.String(),
  fields: Type.Array(FormFieldSchema),
  submitLabel: Type.Optional(Type.String()),
});

export const MediaCardSchema = Type.Object({
  type: Type.Literal('media'),
  title: Type.String(),
  url: Type.String(),
  kind: Type.Union([Type.Literal('image'), Type.Literal('video'), Type.Literal('audio')]),
});

export const ConfirmationCardSchema = Type.Object({
  type: Type.Literal('confirmation'),
  title: Type.String(),
  text: Type.String(),
  confirmLabel: Type.Optional(Type.String()),
  cancelLabel: Type.Optional(Type.String()),
});

/** Every card a turn may carry: declarative JSON, never HTML. */
export const CardSchema = Type.Union([
  TextCardSchema,
  ListCardSchema,
  ProductGridCardSchema,
  FormCardSchema,
  MediaCardSchema,
  ConfirmationCardSchema,
]);

export type TextCard = Static<typeof TextCardSchema>;
export type ListItem = Static<typeof ListItemSchema>;
export type ListCard = Static<typeof ListCardSchema>;
export type ProductItem = Static<typeof ProductItemSchema>;
export type ProductGridCard = Static<typeof ProductGridCardSchema>;
export type FormField = Static<typeof FormFieldSchema>;
export type FormCard = Static<typeof FormCardSchema>;
export type MediaCard = Static<typeof MediaCardSchema>;
export type ConfirmationCard = Static<typeof ConfirmationCardSchema>;
/** A card of a turn. */
export type Card = Static<typeof CardSchema>;
