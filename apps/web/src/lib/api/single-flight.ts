/**
 * Wraps an async task so that callers arriving while it runs share the same promise:
 * N concurrent 401s cause exactly one refresh, and all of them wait for its result.
 */
export interface SingleFlight<T> {
  run(): Promise<T>;
  /** The run in progress, if any, so new work can wait for it instead of racing it. */
  pending(): Promise<T> | undefined;
}

export function singleFlight<T>(task: () => Promise<T>): SingleFlight<T> {
  let inFlight: Promise<T> | undefined;
  return {
    run() {
      inFlight ??= task().finally(() => {
        inFlight = undefined;
      });
      return inFlight;
    },
    pending: () => inFlight,
  };
}
