import { describe, expect, it } from 'vitest';
import { type Menu, priceLine, unavailableReason, validateMenu } from './menu.js';

const menu: Menu = {
  dayparts: { breakfast: { mon: ['06:00-10:30'], tue: ['06:00-10:30'] } },
  items: [
    {
      ref: 'muffin',
      name: { en: 'Egg muffin', zh: '鸡蛋麦满分', it: 'Muffin all’uovo', fr: 'Muffin à l’œuf' },
      price: 350,
      category: 'breakfast',
      dayparts: ['breakfast'],
    },
    {
      ref: 'coffee',
      name: { en: 'Coffee' },
      price: 200,
      options: [
        {
          ref: 'size',
          name: { en: 'Size' },
          min: 1,
          max: 1,
          choices: [
            { ref: 'small', name: { en: 'Small' } },
            { ref: 'large', name: { en: 'Large' }, price: 80 },
          ],
        },
        {
          ref: 'ice',
          name: { en: 'Ice' },
          min: 0,
          max: 1,
          choices: [{ ref: 'no-ice', name: { en: 'No ice' } }],
        },
      ],
      unavailableAt: ['airport'],
    },
  ],
};

describe('menus', () => {
  it('accepts a good menu and names the field of a bad one', () => {
    expect(validateMenu(menu)).toBe(menu);
    const bad = (patch: (m: Menu) => void): unknown => {
      const copy = structuredClone(menu);
      patch(copy);
      try {
        validateMenu(copy);
        return null;
      } catch (error) {
        return (error as { params: unknown }).params;
      }
    };
    expect(bad((m) => (m.items[0]!.price = 3.5))).toMatchObject({ field: 'items[0].price' });
    expect(bad((m) => (m.items[1]!.ref = 'muffin'))).toMatchObject({ field: 'items[1].ref' });
    expect(bad((m) => (m.items[1]!.options![0]!.max = 3))).toMatchObject({
      field: 'items[1].options[0].max',
    });
    expect(bad((m) => (m.items[0]!.dayparts = ['brunch']))).toMatchObject({ field: 'items[0].dayparts' });
    expect(bad((m) => (m.items[0]!.name = { en: '' }))).toMatchObject({ field: 'items[0].name.en' });
  });

  it('prices a line with its options, defaulting a required single choice', () => {
    expect(priceLine(menu, { ref: 'coffee', quantity: 2 }, 'items[0]')).toMatchObject({
      unitPrice: 200,
      total: 400,
      options: { size: ['small'] },
    });
    expect(
      priceLine(
        menu,
        { ref: 'coffee', quantity: 2, options: { size: ['large'], ice: ['no-ice'] } },
        'items[0]',
      ),
    ).toMatchObject({ unitPrice: 280, total: 560 });
    expect(() =>
      priceLine(menu, { ref: 'coffee', quantity: 1, options: { size: ['small', 'large'] } }, 'x'),
    ).toThrow(/at most 1/);
    expect(() => priceLine(menu, { ref: 'tea', quantity: 1 }, 'x')).toThrow(/not on the menu/);
    expect(() => priceLine(menu, { ref: 'coffee', quantity: 0 }, 'x')).toThrow(/1 to 99/);
    expect(() => priceLine(menu, { ref: 'coffee', quantity: 1, options: { milk: ['oat'] } }, 'x')).toThrow(
      /not an option/,
    );
  });

  it('sells breakfast only in breakfast hours of the store and nothing where it is unavailable', () => {
    const rome = { ref: 'rome-1', timezone: 'Europe/Rome' };
    const muffin = menu.items[0]!;
    expect(unavailableReason(menu, muffin, rome, Date.parse('2026-12-01T07:00:00Z'))).toBeNull(); // 08:00 Tue
    expect(unavailableReason(menu, muffin, rome, Date.parse('2026-12-01T11:00:00Z'))).toBe('not_now');
    expect(unavailableReason(menu, menu.items[1]!, { ref: 'airport', timezone: 'UTC' }, 0)).toBe('not_here');
  });
});
