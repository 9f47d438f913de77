import kettle from './images/kettle.svg?no-inline';
import lake from './images/lake.svg?no-inline';
import mug from './images/mug.svg?no-inline';
import teapot from './images/teapot.svg?no-inline';

/** One card of the gallery: the JSON a mini-app or the assistant would send, and what it shows. */
export interface Sample {
  /** The card type as the screen reports it (data-card-type): unknown types report "unknown". */
  kind: string;
  heading: string;
  about: string;
  json: Record<string, unknown>;
}

/** Pictures are served by the hub next to the gallery; an absolute http(s) URL, as a real card would carry. */
const picture = (path: string) => new URL(path, window.location.href).toString();

/** Sample JSON for every card type the screen's renderer (src/screen/cards/) knows, plus one it does not. */
export function samples(): Sample[] {
  return [
    {
      kind: 'text',
      heading: 'Text',
      about: 'A title and a paragraph. When the title repeats the text, only the text is shown.',
      json: { type: 'text', title: 'Weather in Milan', text: 'Sunny, 24 °C. A light wind from the west.' },
    },
    {
      kind: 'list',
      heading: 'List',
      about:
        'Items chosen by touch: the tapped item is said as the next turn. Items sharing a title are told apart by their subtitle, which is said instead.',
      json: {
        type: 'list',
        title: 'Which night lamp?',
        items: [
          { id: 'lamp-kitchen', title: 'Night lamp', subtitle: 'Kitchen' },
          { id: 'lamp-bedroom', title: 'Night lamp', subtitle: 'Bedroom' },
          { id: 'reading', title: 'Reading lamp', subtitle: 'Living room' },
        ],
      },
    },
    {
      kind: 'product-grid',
      heading: 'Product grid',
      about:
        'Products with a picture, a name and a price in minor units of an ISO 4217 currency, written the way the UI language writes prices.',
      json: {
        type: 'product-grid',
        title: 'Kettles and teapots',
        items: [
          { id: 'kettle', title: 'Electric kettle', price: 3990, currency: 'EUR', imageUrl: picture(kettle) },
          { id: 'mug', title: 'Stoneware mug', price: 1250, currency: 'EUR', imageUrl: picture(mug) },
          { id: 'teapot', title: 'Glass teapot', price: 2400, currency: 'EUR', imageUrl: picture(teapot) },
        ],
      },
    },
    {
      kind: 'form',
      heading: 'Form',
      about:
        'Text, number and select fields. Submitting says every field as “label: value” in one sentence, as the next turn.',
      json: {
        type: 'form',
        title: 'Book a table',
        fields: [
          { name: 'name', label: 'Name', type: 'text' },
          { name: 'guests', label: 'Guests', type: 'number' },
          { name: 'time', label: 'Time', type: 'select', options: ['19:00', '20:00', '21:00'] },
        ],
        submitLabel: 'Book',
      },
    },
    {
      kind: 'media',
      heading: 'Media',
      about:
        'An image, video or audio (kind) from an http(s) URL; any other URL is refused in words. The title names the media for screen readers.',
      json: { type: 'media', kind: 'image', title: 'Lake Como at dusk', url: picture(lake) },
    },
    {
      kind: 'confirmation',
      heading: 'Confirmation',
      about:
        'A question with two buttons. Without confirmLabel and cancelLabel they read “Yes” and “No” in the UI language; either way the answer is said as “yes” or “no” in that language.',
      json: {
        type: 'confirmation',
        title: 'Order the electric kettle?',
        text: '€39.90, delivered tomorrow before noon.',
      },
    },
    {
      kind: 'unknown',
      heading: 'Unknown type (fallback)',
      about:
        'A type this screen does not know is shown as text: its title and text if it has them, otherwise a sentence saying it cannot be shown. It is never rendered as HTML.',
      json: { type: 'weather-radar', region: 'Lombardy', frames: 12 },
    },
  ];
}
