import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

/** Event-loop delay over one window, in milliseconds. */
export interface LoopDelayReport {
  /** Median delay between two ticks of the sampling timer, in ms. */
  p50: number;
  /** 99th percentile, in ms: the number to alert on. */
  p99: number;
  /** Longest delay seen in the window, in ms. */
  max: number;
  mean: number;
  /** Number of samples in the window (0 when the window was too short to hold one). */
  count: number;
  /** How long the window lasted, in ms: from the previous read (or start) to this one. */
  windowMs: number;
}

export interface LoopMonitor {
  /** The report for the window since the previous read, then starts a new window. */
  read(): LoopDelayReport;
  /** Stops sampling. */
  close(): void;
}

export interface LoopMonitorOptions {
  /** Sampling timer period in ms (default 10). Every sample is at least this long. */
  resolutionMs?: number;
}

const NS_PER_MS = 1e6;
const ms = (ns: number) => Math.round(ns / NS_PER_MS * 100) / 100;

/** Samples event-loop delay with perf_hooks.monitorEventLoopDelay and reports it per window. */
export function createLoopMonitor({ resolutionMs = 10 }: LoopMonitorOptions = {}): LoopMonitor {
  const histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: resolutionMs });
  histogram.enable();
  let windowStart = performance.now();
  return {
    read() {
      const now = performance.now();
      // An empty histogram reports garbage (min = 2^63, mean = NaN): say "no samples" instead.
      const report: LoopDelayReport = histogram.count === 0
        ? { p50: 0, p99: 0, max: 0, mean: 0, count: 0, windowMs: Math.round(now - windowStart) }
        : {
            p50: ms(histogram.percentile(50)),
            p99: ms(histogram.percentile(99)),
            max: ms(histogram.max),
            mean: ms(histogram.mean),
            count: histogram.count,
            windowMs: Math.round(now - windowStart),
          };
      histogram.reset();
      windowStart = now;
      return report;
    },
    close() {
      histogram.disable();
    },
  };
}
