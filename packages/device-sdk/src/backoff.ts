/** Reconnect delay for a given attempt (0 = first retry): exponential from minMs up to maxMs, with full jitter so a fleet that lost the hub together does not come back in step. */
export function backoffDelay(
  attempt: number,
  minMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.max(minMs, Math.min(maxMs, minMs * 2 ** Math.max(0, attempt)));
  return Math.round(minMs + random() * (ceiling - minMs));
}
