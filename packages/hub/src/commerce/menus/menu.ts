/**
 * A merchant's menu as data: items with names in up to four languages, integer prices in the
 * merchant's currency, option groups (size, drink, "no ice") and dayparts; and the pricing of a
 * cart line against it. Validation names the field at fault (`items[3].options[0].max`).
 */
import { GenioError } from '../../errors/index.js';
import { isOpenAt, type OpeningHours } from '../stores/hours.js';

/** Text in the languages Genio speaks; English is required. */
export interface LocalizedText {
  en: string;
  zh?: string;
  it?: string;
  fr?: string;
}

/** One choice of an option group, with what it adds to the price (minor units, may be 0). */
export interface OptionChoice {
  ref: string;
  name: LocalizedText;
  price?: number;
}

/** A group of choices: "size" (required, exactly one), "extras" (optional, up to three). */
export interface OptionGroup {
  ref: string;
  name: LocalizedText;
  min: number;
  max: number;
  choices: OptionChoice[];
}

/** One thing that can be ordered. */
export interface MenuItem {
  ref: string;
  name: LocalizedText;
  price: number;
  category?: string;
  description?: LocalizedText;
  imageUrl?: string;
  options?: OptionGroup[];
  /** Dayparts this item is sold in (e.g. ["breakfast"]); absent: whenever the store is open. */
  dayparts?: string[];
  /** Store refs where the item is not sold. */
  unavailableAt?: string[];
}

/** A whole menu: items plus the hours of each daypart (in each store's own time zone). */
export interface Menu {
  items: MenuItem[];
  dayparts?: Record<string, OpeningHours>;
}

const REF = /^[\w.-]{1,64}$/;
const MAX_ITEMS = 2000;

function fail(field: string, reason: string): never {
  throw new GenioError('validation_failed', { field, reason });
}

function checkText(value: unknown, field: string, required = true): void {
  if (value === undefined && !required) return;
  if (!value || typeof value !== 'object') fail(field, 'must be an object with at least an "en" name');
  const text = value as Record<string, unknown>;
  if (typeof text.en !== 'string' || !text.en.trim()) fail(`${field}.en`, 'must be a non-empty name');
  for (const [lang, v] of Object.entries(text)) {
    if (!['en', 'zh', 'it', 'fr'].includes(lang)) fail(`${field}.${lang}`, 'is not one of en, zh, it, fr');
    if (typeof v !== 'string' || v.length > 200)
      fail(`${field}.${lang}`, 'must be text of at most 200 characters');
  }
}

function checkPrice(value: unknown, field: string): void {
  if (!Number.isSafeInteger(value) || (value as number) < 0)
    fail(field, 'must be a whole number of minor units (cents), 0 or more');
}

/** Check a menu as sent by a merchant; throws a validation error naming the field. */
export function validateMenu(menu: Menu): Menu {
  if (!Array.isArray(menu.items)) fail('items', 'must be a list');
  if (menu.items.length > MAX_ITEMS) fail('items', `must have at most ${MAX_ITEMS} items`);
  const refs = new Set<string>();
  menu.items.forEach((item, i) => {
    const at = `items[${i}]`;
    if (typeof item.ref !== 'string' || !REF.test(item.ref))
      fail(`${at}.ref`, 'must be 1-64 letters, digits, ".", "-" or "_"');
    if (refs.has(item.ref)) fail(`${at}.ref`, `"${item.ref}" is used twice`);
    refs.add(item.ref);
    checkText(item.name, `${at}.name`);
    checkText(item.description, `${at}.description`, false);
    checkPrice(item.price, `${at}.price`);
    if (item.imageUrl !== undefined && !/^(https?:\/\/|\/)/.test(item.imageUrl))
      fail(`${at}.imageUrl`, 'must be an http(s) URL or a path on the hub');
    for (const part of item.dayparts ?? [])
      if (!menu.dayparts?.[part]) fail(`${at}.dayparts`, `"${part}" is not a daypart of this menu`);
    const groupRefs = new Set<string>();
    (item.options ?? []).forEach((group, g) => {
      const gat = `${at}.options[${g}]`;
      if (typeof group.ref !== 'string' || !REF.test(group.ref))
        fail(`${gat}.ref`, 'must be 1-64 letters or digits');
      if (groupRefs.has(group.ref)) fail(`${gat}.ref`, `"${group.ref}" is used twice`);
      groupRefs.add(group.ref);
      checkText(group.name, `${gat}.name`);
      if (!Array.isArray(group.choices) || !group.choices.length)
        fail(`${gat}.choices`, 'must list at least one choice');
      if (!Number.isInteger(group.min) || group.min < 0)
        fail(`${gat}.min`, 'must be a whole number, 0 or more');
      if (
        !Number.isInteger(group.max) ||
        group.max < Math.max(1, group.min) ||
        group.max > group.choices.length
      )
        fail(`${gat}.max`, `must be between ${Math.max(1, group.min)} and the number of choices`);
      const choiceRefs = new Set<string>();
      group.choices.forEach((choice, c) => {
        const cat = `${gat}.choices[${c}]`;
        if (typeof choice.ref !== 'string' || !REF.test(choice.ref))
          fail(`${cat}.ref`, 'must be 1-64 letters or digits');
        if (choiceRefs.has(choice.ref)) fail(`${cat}.ref`, `"${choice.ref}" is used twice`);
        choiceRefs.add(choice.ref);
        checkText(choice.name, `${cat}.name`);
        if (choice.price !== undefined) checkPrice(choice.price, `${cat}.price`);
      });
    });
  });
  return menu;
}

/** What a household chose for one line: item, quantity, and choice refs per option group. */
export interface LineRequest {
  ref: string;
  quantity: number;
  options?: Record<string, string[]>;
}

/** A priced line. */
export interface PricedLine {
  ref: string;
  name: LocalizedText;
  quantity: number;
  options: Record<string, string[]>;
  unitPrice: number;
  total: number;
}

/** Why an item cannot be ordered right now at this store, or null when it can. */
export function unavailableReason(
  menu: Menu,
  item: MenuItem,
  store: { ref: string; timezone: string },
  at: number,
): 'not_here' | 'not_now' | null {
  if (item.unavailableAt?.includes(store.ref)) return 'not_here';
  if (item.dayparts?.length && !item.dayparts.some((p) => isOpenAt(menu.dayparts?.[p], store.timezone, at)))
    return 'not_now';
  return null;
}

/** Price one line; the default choice of a required single-choice group is its first. */
export function priceLine(menu: Menu, request: LineRequest, field: string): PricedLine {
  const item = menu.items.find((i) => i.ref === request.ref);
  if (!item) fail(`${field}.ref`, `"${request.ref}" is not on the menu`);
  if (!Number.isInteger(request.quantity) || request.quantity < 1 || request.quantity > 99)
    fail(`${field}.quantity`, 'must be a whole number from 1 to 99');
  const chosen: Record<string, string[]> = {};
  let unit = item.price;
  for (const groupRef of Object.keys(request.options ?? {}))
    if (!item.options?.some((g) => g.ref === groupRef))
      fail(`${field}.options.${groupRef}`, 'is not an option of this item');
  for (const group of item.options ?? []) {
    let refs = [...new Set(request.options?.[group.ref] ?? [])];
    if (!refs.length && group.min === 1 && group.max === 1) refs = [group.choices[0]!.ref];
    if (refs.length < group.min) fail(`${field}.options.${group.ref}`, `choose at least ${group.min}`);
    if (refs.length > group.max) fail(`${field}.options.${group.ref}`, `choose at most ${group.max}`);
    for (const ref of refs) {
      const choice = group.choices.find((c) => c.ref === ref);
      if (!choice) fail(`${field}.options.${group.ref}`, `"${ref}" is not a choice`);
      unit += choice.price ?? 0;
    }
    if (refs.length) chosen[group.ref] = refs;
  }
  return {
    ref: item.ref,
    name: item.name,
    quantity: request.quantity,
    options: chosen,
    unitPrice: unit,
    total: unit * request.quantity,
  };
}
