/** Plain-text, aligned table output for the runner. */
import type { Column, Ratio, Row } from './types.js';

/** A number with fixed decimals and thousands separators; "-" when absent or not finite. */
export function formatNumber(value: number | null | undefined, digits: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '-';
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Render rows as an aligned table: label column left-aligned, figures right-aligned, notes last. */
export function formatTable(columns: readonly Column[], rows: readonly Row[], labelHeader = ''): string {
  const header = [labelHeader, ...columns.map((c) => c.header)];
  const body = rows.map((row) => [
    row.label,
    ...columns.map((c) => formatNumber(row.metrics[c.key], c.digits)),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((cells) => (cells[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ');
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const out = [line(header), rule];
  rows.forEach((row, i) => {
    const text = line(body[i] ?? []);
    out.push(row.note ? `${text}  ${row.note}` : text);
  });
  return out.join('\n');
}

/** Render ratio lines, aligned on the label. */
export function formatRatios(ratios: readonly Ratio[]): string {
  const width = Math.max(0, ...ratios.map((r) => r.label.length));
  return ratios
    .map((r) => {
      const text = `${r.label.padEnd(width)}  ${formatNumber(r.value, 2)}x`;
      return r.detail ? `${text}  (${r.detail})` : text;
    })
    .join('\n');
}
