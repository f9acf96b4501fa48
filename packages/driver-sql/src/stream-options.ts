import { CancelledError, type StreamOptions } from "@strata/core";

/** Refuses a batch size that is not a whole number >= 1 (the engine checks users' input before; this guards direct callers). */
export function checkBatchSize(options: StreamOptions): void {
  const { batchSize } = options;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RangeError(`stream batchSize must be a whole number >= 1, got ${batchSize}`);
  }
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted)
    throw new CancelledError("the stream was cancelled by its AbortSignal", { cause: signal.reason });
}
