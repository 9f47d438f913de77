/** Reconnect delays: exponential from minMs to maxMs, with full jitter so a fleet does not reconnect in step. */
export function backoffDelay(
  attempt: number,
  minMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(maxMs, minMs * 2 ** Math.max(0, attempt));
  return Math.round(minMs + random() * (ceiling - minMs));
}
