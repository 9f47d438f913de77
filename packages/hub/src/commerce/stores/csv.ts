/**
 * Stores from CSV (RFC 4180: commas, double-quoted fields, "" inside quotes). The header names the
 * columns: ref, name, lat, lon, timezone, and optionally one column per weekday (mon..sun) holding
 * ranges separated by ";" ("07:00-11:00;12:00-22:00"). Errors name the line.
 */
import { GenioError } from '../../errors/index.js';
import { type OpeningHours, type Weekday, weekdays } from './hours.js';
import type { StoreInput } from './stores.js';

function parseRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (quoted)
    throw new GenioError('validation_failed', { field: 'csv', reason: 'a quoted field is never closed' });
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((cell) => cell.trim() !== ''));
}

/** Parse a CSV upload into import rows (validated afterwards like JSON rows). */
export function storesFromCsv(text: string): StoreInput[] {
  const rows = parseRows(text.replace(/^\uFEFF/, ''));
  const header = (rows.shift() ?? []).map((h) => h.trim().toLowerCase());
  for (const need of ['ref', 'name', 'lat', 'lon'])
    if (!header.includes(need))
      throw new GenioError('validation_failed', {
        field: 'csv',
        reason: `the header needs a "${need}" column`,
      });
  return rows.map((cells, i) => {
    const get = (name: string) => {
      const at = header.indexOf(name);
      return at < 0 ? undefined : (cells[at] ?? '').trim();
    };
    const number = (name: string) => {
      const value = Number(get(name));
      if (get(name) === '' || !Number.isFinite(value))
        throw new GenioError('validation_failed', {
          field: `csv line ${i + 2}: ${name}`,
          reason: 'must be a number',
        });
      return value;
    };
    const hours: OpeningHours = {};
    for (const day of weekdays as readonly Weekday[]) {
      const cell = get(day);
      if (cell)
        hours[day] = cell
          .split(';')
          .map((r) => r.trim())
          .filter(Boolean);
    }
    const row: StoreInput = {
      ref: get('ref') ?? '',
      name: get('name') ?? '',
      lat: number('lat'),
      lon: number('lon'),
    };
    const zone = get('timezone');
    if (zone) row.timezone = zone;
    // With weekday columns, an empty cell is a closed day; without them the hours are not given.
    if (weekdays.some((day) => header.includes(day))) row.hours = hours;
    return row;
  });
}
