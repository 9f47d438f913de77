import { openSync, readSync } from 'node:fs';

/** Milliseconds of CPU time, from an arbitrary origin. */
export type CpuClock = () => number;

type ThreadCpuUsage = () => { user: number; system: number };

/**
 * The CPU time of the calling thread: what an app's guest code actually consumed, unlike wall time
 * (inflated on a busy machine) or process.cpuUsage() (which also counts GC and other threads, and
 * failed well-behaved apps while the collector worked beside them).
 * Node >= 23.9 has process.threadCpuUsage; on Linux /proc/thread-self/schedstat gives the thread's
 * run time in ns (updated at each scheduler tick, so it lags by at most one tick); elsewhere the
 * process's CPU time is the fallback.
 */
export function threadCpuClock(): CpuClock {
  const threadCpuUsage = (process as { threadCpuUsage?: ThreadCpuUsage }).threadCpuUsage;
  if (typeof threadCpuUsage === 'function') {
    return () => {
      const { user, system } = threadCpuUsage.call(process);
      return (user + system) / 1000;
    };
  }
  try {
    const fd = openSync('/proc/thread-self/schedstat', 'r');
    const buffer = Buffer.alloc(64);
    const read: CpuClock = () => {
      const length = readSync(fd, buffer, 0, buffer.length, 0);
      return Number.parseInt(buffer.toString('latin1', 0, length), 10) / 1e6;
    };
    if (Number.isFinite(read())) return read;
  } catch {
    // Not Linux, or /proc is not mounted: fall back to the process.
  }
  return () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  };
}
