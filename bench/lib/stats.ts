/** Small statistics helpers: percentiles, median, spread. */

/** Sort numbers ascending into a new Float64Array (fast numeric sort, no comparator needed). */
export function sorted(values: ArrayLike<number>): Float64Array {
  const out = Float64Array.from(values);
  out.sort();
  return out;
}

/**
 * The p-th percentile (0..100) of ascending-sorted values, linearly interpolated between
 * the two closest ranks (the "R-7" / NumPy default definition). NaN for no values.
 */
export function percentile(sortedValues: ArrayLike<number>, p: number): number {
  const n = sortedValues.length;
  if (n === 0) return Number.NaN;
  if (p <= 0) return sortedValues[0] as number;
  if (p >= 100) return sortedValues[n - 1] as number;
  const rank = (p / 100) * (n - 1);
  const lo = Math.floor(rank);
  const hi = Math.min(lo + 1, n - 1);
  const a = sortedValues[lo] as number;
  const b = sortedValues[hi] as number;
  return a + (b - a) * (rank - lo);
}

/** The median of unsorted values. NaN for none. */
export function median(values: readonly number[]): number {
  return percentile(sorted(values), 50);
}

/** (max - min) / median, as a percentage: how much repeated measurements disagree. */
export function spreadPercent(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const m = median(values);
  if (!(m > 0)) return Number.NaN;
  return ((Math.max(...values) - Math.min(...values)) / m) * 100;
}

/** A growable buffer of float samples (latencies) that avoids boxing a huge JS array. */
export class SampleBuffer {
  private data = new Float64Array(1 << 16);
  private size = 0;

  push(value: number): void {
    if (this.size === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.size++] = value;
  }

  get length(): number {
    return this.size;
  }

  /** The samples, sorted ascending (a copy). */
  sorted(): Float64Array {
    const out = this.data.slice(0, this.size);
    out.sort();
    return out;
  }
}
