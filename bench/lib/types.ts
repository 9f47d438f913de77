/** Shared types for the benchmark runner (bench/run.ts) and the benchmark modules (bench/<name>.ts). */

/** Options the runner passes to a benchmark, parsed from the command line. */
export interface BenchOptions {
  /** Seconds per measured load run; undefined means the benchmark's own default. */
  duration?: number;
  /** How many times each system is measured, interleaved; undefined means the benchmark's own default. */
  rounds?: number;
  /** Concurrent keep-alive connections of the load generator. */
  connections: number;
  /** A short smoke run (~15 s): fewer rounds, shorter runs. */
  quick: boolean;
  /** Which data set(s) a benchmark that reads one should use, e.g. `--set villa-rosa`; undefined means all. */
  set?: string;
  /** Print every detail (e.g. every miss) instead of a summary. */
  verbose: boolean;
  /** Progress output (stderr); the final table is printed by the runner. */
  log: (line: string) => void;
  /** Aborted when the runner gives up (deadline, Ctrl-C); benchmarks stop at the next step. */
  signal: AbortSignal;
}

/** One column of the result table. */
export interface Column {
  /** Key into Row.metrics. */
  key: string;
  /** Header printed in the table. */
  header: string;
  /** Decimal places when printed. */
  digits: number;
}

/** One line of the result table: a system under test and its (aggregated) figures. */
export interface Row {
  label: string;
  /** Figures keyed by Column.key; null when not available (e.g. CPU time off Linux). */
  metrics: Record<string, number | null>;
  /** Short free text printed after the figures. */
  note?: string;
}

/** A comparison against a baseline measured in the same run. */
export interface Ratio {
  /** e.g. "hub / fastify req/s". */
  label: string;
  value: number;
  /** How it was computed, e.g. the individual paired ratios. */
  detail?: string;
}

/** What one benchmark returns to the runner. */
export interface BenchResult {
  /** Parameters actually used (duration, connections, rounds, ...). */
  params: Record<string, string | number | boolean>;
  columns: Column[];
  rows: Row[];
  ratios: Ratio[];
  /** Anything that makes the figures less trustworthy (errors, non-2xx, high load, ...). */
  warnings: string[];
  /** Every individual measurement, for the JSON file. */
  samples: Array<Record<string, string | number | boolean | null>>;
}

/** What a benchmark module (bench/<name>.ts) exports as `benchmark`. */
export interface Benchmark {
  name: string;
  description: string;
  run(options: BenchOptions): Promise<BenchResult>;
}
