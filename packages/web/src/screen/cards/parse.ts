import type { Card, FormField, ListItem, ProductItem } from './types.js';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const text = (value: unknown): string =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
const list = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isObject) : []);

/** An http(s) URL, or undefined: javascript:, data: and the like are never rendered. */
export function safeUrl(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const url = new URL(value, window.location.href);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

function listItem(raw: Json, index: number): ListItem {
  const subtitle = str(raw.subtitle);
  return { id: text(raw.id) || String(index), title: text(raw.title), ...(subtitle ? { subtitle } : {}) };
}

function productItem(raw: Json, index: number): ProductItem {
  const imageUrl = safeUrl(raw.imageUrl);
  const currency = str(raw.currency);
  return {
    id: text(raw.id) || String(index),
    title: text(raw.title),
    ...(typeof raw.price === 'number' && Number.isFinite(raw.price) ? { price: raw.price } : {}),
    ...(currency && /^[A-Z]{3}$/.test(currency) ? { currency } : {}),
    ...(imageUrl ? { imageUrl } : {}),
  };
}

function formField(raw: Json): FormField | null {
  const name = str(raw.name);
  if (!name) return null;
  const type = raw.type === 'number' || raw.type === 'select' ? raw.type : 'text';
  const options = Array.isArray(raw.options) ? raw.options.map(text).filter(Boolean) : undefined;
  return { name, label: text(raw.label) || name, type, ...(options ? { options } : {}) };
}

/** Read a card from a turn reply: known types are checked field by field; anything else becomes a text fallback. */
export function parseCard(raw: unknown): Card | null {
  if (!isObject(raw)) return null;
  const title = text(raw.title);
  switch (raw.type) {
    case 'text':
      return {
        type: 'text',
        title,
        text: text(raw.text),
        ...(raw.icon === 'timer' ? { icon: 'timer' } : {}),
      };
    case 'list':
      return { type: 'list', title, items: list(raw.items).map(listItem) };
    case 'product-grid':
      return { type: 'product-grid', title, items: list(raw.items).map(productItem) };
    case 'form':
      return {
        type: 'form',
        title,
        fields: list(raw.fields)
          .map(formField)
          .filter((f): f is FormField => f !== null),
        ...(str(raw.submitLabel) ? { submitLabel: str(raw.submitLabel) } : {}),
      };
    case 'media': {
      const kind = raw.kind === 'video' || raw.kind === 'audio' ? raw.kind : 'image';
      return { type: 'media', title, url: text(raw.url), kind };
    }
    case 'confirmation':
      return {
        type: 'confirmation',
        title,
        text: text(raw.text),
        ...(str(raw.confirmLabel) ? { confirmLabel: str(raw.confirmLabel) } : {}),
        ...(str(raw.cancelLabel) ? { cancelLabel: str(raw.cancelLabel) } : {}),
      };
    default:
      return { type: 'unknown', title, text: text(raw.text) };
  }
}
