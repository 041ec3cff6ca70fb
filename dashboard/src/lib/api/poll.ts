/**
 * Runs `load` now and then every `everyMs` after each round ends, until stopped. Each round
 * gets its own AbortSignal: one long-lived signal shared by many fetches keeps every
 * fetch's abort hook alive in Chromium, and the page's heap grows with each round.
 */
export function pollEvery(load: (signal: AbortSignal) => Promise<void>, everyMs: number): () => void {
  let stopped = false;
  let controller: AbortController | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const round = async () => {
    controller = new AbortController();
    try {
      await load(controller.signal);
    } catch {
      // `load` reports its own failures; a rejected round must not stop the polling.
    }
    controller = null;
    if (!stopped) timer = setTimeout(round, everyMs);
  };
  void round();
  return () => {
    stopped = true;
    controller?.abort();
    if (timer) clearTimeout(timer);
  };
}
