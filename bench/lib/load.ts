/** One closed-loop HTTP load run with autocannon, with exact (float) latency percentiles. */
import autocannon from 'autocannon';
import { machineCpuSeconds } from './proc.js';
import type { ServerHandle } from './server.js';
import { percentile, SampleBuffer } from './stats.js';

export interface LoadOptions {
  server: ServerHandle;
  path: string;
  connections: number;
  /** Seconds. */
  duration: number;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** The figures of one load run. */
export interface LoadResult {
  /** Responses (any status) per second of wall time. */
  reqPerSec: number;
  /** Latency percentiles in milliseconds, from every response's own timing. */
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  responses: number;
  /** Connection errors, timeouts and non-2xx responses: any of them spoils the run. */
  errors: number;
  timeouts: number;
  non2xx: number;
  /** Average bytes per response on the wire (status line, headers and body). */
  bytesPerResponse: number;
  /** Wall seconds the run took. */
  seconds: number;
  /** Server process CPU use during the run, in % of one core; null off Linux. */
  serverCpuPercent: number | null;
  /** This (load generator) process's CPU use during the run, in % of one core. */
  loadgenCpuPercent: number;
  /**
   * CPU the rest of the machine used during the run (every other process, kernel, steal), in % of
   * one core; null off Linux. More than a few % means something else competed for the 2 cores.
   */
  otherCpuPercent: number | null;
  /** Server resident memory at the end of the run and its peak so far, in MiB; null off Linux. */
  serverRssMiB: number | null;
  serverPeakRssMiB: number | null;
}

/**
 * Drive `server` with `connections` keep-alive connections for `duration` seconds, one request
 * in flight per connection (no pipelining). Latency is autocannon's per-request float timing
 * (its own histogram rounds to whole milliseconds, too coarse for sub-millisecond loopback).
 */
export function runLoad(options: LoadOptions): Promise<LoadResult> {
  const { server } = options;
  return new Promise<LoadResult>((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(options.signal.reason);
      return;
    }
    const latencies = new SampleBuffer();
    let bytes = 0;
    const cpuBefore = server.cpuSeconds();
    const ownCpuBefore = process.cpuUsage();
    const machineBefore = machineCpuSeconds();
    const started = performance.now();
    const instance = autocannon(
      {
        url: `${server.baseUrl}${options.path}`,
        connections: options.connections,
        duration: options.duration,
        pipelining: 1,
        timeout: 10,
        ...(options.headers ? { headers: options.headers } : {}),
      },
      (error, result) => {
        options.signal?.removeEventListener('abort', onAbort);
        if (error) {
          reject(error);
          return;
        }
        if (options.signal?.aborted) {
          reject(options.signal.reason);
          return;
        }
        const seconds = (performance.now() - started) / 1000;
        const cpuAfter = server.cpuSeconds();
        const ownCpu = process.cpuUsage(ownCpuBefore);
        const memory = server.memoryMiB();
        const machineAfter = machineCpuSeconds();
        const serverCpu = cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore;
        const loadgenCpu = (ownCpu.user + ownCpu.system) / 1e6;
        const otherCpu =
          machineBefore === null || machineAfter === null || serverCpu === null
            ? null
            : Math.max(0, machineAfter.busy - machineBefore.busy - serverCpu - loadgenCpu);
        const sortedLatencies = latencies.sorted();
        let sum = 0;
        for (const value of sortedLatencies) sum += value;
        const responses = sortedLatencies.length;
        resolve({
          reqPerSec: responses / seconds,
          p50Ms: percentile(sortedLatencies, 50),
          p99Ms: percentile(sortedLatencies, 99),
          meanMs: responses ? sum / responses : Number.NaN,
          responses,
          errors: result.errors,
          timeouts: result.timeouts,
          non2xx: result.non2xx,
          bytesPerResponse: responses ? bytes / responses : Number.NaN,
          seconds,
          serverCpuPercent: serverCpu === null ? null : (serverCpu / seconds) * 100,
          loadgenCpuPercent: (loadgenCpu / seconds) * 100,
          otherCpuPercent: otherCpu === null ? null : (otherCpu / seconds) * 100,
          serverRssMiB: memory?.rss ?? null,
          serverPeakRssMiB: memory?.peak ?? null,
        });
      },
    );
    const onAbort = () => instance.stop();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    instance.on('response', (_client, _status, resBytes, responseTimeMs) => {
      latencies.push(responseTimeMs);
      bytes += resBytes;
    });
  });
}
