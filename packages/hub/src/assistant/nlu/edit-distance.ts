/**
 * Edit distance for names (misheard device and area names). Candidates are fixed per home, so
 * each is prepared once as bit masks (Myers' bit-parallel algorithm, as Hyyrö formulated it for
 * whole strings); a comparison then costs one step per character of the heard text.
 */

/** A name prepared for fast comparisons. */
export interface PreparedName {
  text: string;
  masks: Map<string, number>;
}

/** Prepare a name of up to 31 characters; longer names are compared with the plain algorithm. */
export function prepareName(text: string): PreparedName {
  const masks = new Map<string, number>();
  const chars = [...text];
  if (chars.length <= 31) {
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i] as string;
      masks.set(c, ((masks.get(c) ?? 0) | (1 << i)) >>> 0);
    }
  }
  return { text, masks };
}

/** Plain dynamic programming, stopping early once the distance must exceed `max`. */
export function editDistance(a: string, b: string, max: number): number {
  const x = [...a];
  const y = [...b];
  if (Math.abs(x.length - y.length) > max) return max + 1;
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= y.length; j++) {
      const v = Math.min(
        (prev[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (prev[j - 1] as number) + (x[i - 1] === y[j - 1] ? 0 : 1),
      );
      row.push(v);
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
    prev = row;
  }
  return prev[y.length] as number;
}

/** Distance between a prepared name and heard text, capped at max + 1. */
export function distanceTo(name: PreparedName, heard: string, max: number): number {
  const m = [...name.text].length;
  const chars = [...heard];
  if (Math.abs(m - chars.length) > max) return max + 1;
  if (m === 0) return chars.length;
  if (m > 31) return editDistance(name.text, heard, max);
  const high = (1 << (m - 1)) >>> 0;
  const all = m === 32 ? 0xffffffff : ((1 << m) >>> 0) - 1;
  let pv = all;
  let mv = 0;
  let score = m;
  for (const c of chars) {
    const eq = name.masks.get(c) ?? 0;
    const xv = (eq | mv) >>> 0;
    const xh = ((((((eq & pv) >>> 0) + pv) >>> 0) ^ pv) | eq) >>> 0;
    let ph = (mv | ~(xh | pv)) >>> 0;
    let mh = (pv & xh) >>> 0;
    if (ph & high) score++;
    else if (mh & high) score--;
    ph = ((ph << 1) | 1) >>> 0;
    mh = (mh << 1) >>> 0;
    pv = ((mh | ~(xv | ph)) & all) >>> 0;
    mv = (ph & xv & all) >>> 0;
  }
  return Math.min(score, max + 1);
}
