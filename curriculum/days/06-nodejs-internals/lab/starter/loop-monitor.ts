import { monitorEventLoopDelay } from 'node:perf_hooks';

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

/** Samples event-loop delay with perf_hooks.monitorEventLoopDelay and reports it per window. */
export function createLoopMonitor({ resolutionMs = 10 }: LoopMonitorOptions = {}): LoopMonitor {
  // TODO: create the histogram with monitorEventLoopDelay({ resolution: resolutionMs }) and start it.
  void monitorEventLoopDelay;
  void resolutionMs;
  return {
    read() {
      // TODO: report p50, p99, max and mean in milliseconds (the histogram counts nanoseconds),
      // the sample count and the window length, then reset the histogram for the next window.
      throw new Error('TODO: createLoopMonitor().read()');
    },
    close() {
      // TODO: stop sampling.
    },
  };
}
