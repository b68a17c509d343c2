/**
 * `tabs.captureVisibleTab` is limited to 2 calls per second (Chrome 92+). Calls are queued at least 550 ms apart,
 * and a call refused for the rate limit is retried with backoff instead of failing the seller's capture.
 */
export interface ThrottleClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: ThrottleClock = { now: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };

export const MIN_GAP_MS = 550;
const RETRIES = [600, 1200, 2400] as const;

export function isRateLimitError(error: unknown): boolean {
  return /MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND|rate/i.test(error instanceof Error ? error.message : String(error));
}

export function createCaptureThrottle<T>(capture: () => Promise<T>, clock: ThrottleClock = realClock): () => Promise<T> {
  let last = Number.NEGATIVE_INFINITY;
  let queue: Promise<unknown> = Promise.resolve();
  const once = async (): Promise<T> => {
    for (let attempt = 0; ; attempt++) {
      const wait = last + MIN_GAP_MS - clock.now();
      if (wait > 0) await clock.sleep(wait);
      last = clock.now();
      try {
        return await capture();
      } catch (error) {
        const backoff = RETRIES[attempt];
        if (!isRateLimitError(error) || backoff === undefined) throw error;
        await clock.sleep(backoff);
      }
    }
  };
  return () => {
    const run = queue.then(once, once);
    queue = run.catch(() => undefined);
    return run;
  };
}

/** Runs calls one after another: a pixel capture scrolls the page, so two at once would spoil each other. */
export function serialized<A extends unknown[], R>(fn: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  let chain: Promise<unknown> = Promise.resolve();
  return (...args) => {
    const run = chain.then(
      () => fn(...args),
      () => fn(...args),
    );
    chain = run.catch(() => undefined);
    return run;
  };
}
