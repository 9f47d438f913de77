/** Text for the scorer's misses: one line each by default, every detail with --verbose. */
import { type DeviceEffects, describeTimers } from './match.js';
import type { CaseResult } from './run-home.js';

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function describeEffects(effects: DeviceEffects): string {
  const parts = Object.entries(effects.properties).map(([k, v]) => `${k}=${JSON.stringify(v)}`);
  for (const s of effects.services) parts.push(`${s}()`);
  return parts.join(' ');
}

export function describeReceived(received: Record<string, DeviceEffects>): string {
  const entries = Object.entries(received);
  if (entries.length === 0) return 'nothing moved';
  return entries.map(([device, e]) => `${device}{${describeEffects(e)}}`).join(', ');
}

/** One line: id, what was said, what moved, the last reply, why it missed. */
export function missLine(r: CaseResult): string {
  const said = r.turns.map((t) => `"${t}"`).join(' / ');
  const flag = r.verdict.wrongAction ? '!! WRONG ACTION ' : '';
  return clip(
    `  ${flag}${r.id}: ${said} -> ${describeReceived(r.received)} | "${r.replies.at(-1) ?? ''}" | ${r.verdict.problems.join('; ')}`,
    400,
  );
}

/** Every turn with its reply, what moved, timers and each problem. */
export function missDetail(r: CaseResult): string {
  const lines = [`  ${r.verdict.wrongAction ? '!! WRONG ACTION ' : ''}${r.set}/${r.language} ${r.id}`];
  r.turns.forEach((t, i) => {
    lines.push(`    > ${t}`);
    lines.push(`    < ${r.replies[i] ?? ''}`);
  });
  lines.push(`    received: ${describeReceived(r.received)}`);
  if (r.timers !== null) lines.push(`    timers: [${describeTimers(r.timers)}]`);
  for (const p of r.verdict.problems) lines.push(`    - ${p}`);
  return lines.join('\n');
}
