import { useEffect, useRef } from 'react';

/**
 * Runs `tick` now and then `intervalMs` after each run finishes, until unmount. Waiting for the
 * previous run (rather than setInterval) keeps a slow server from piling up overlapping requests.
 * `tick` reports its own errors; a failed run only delays the next one.
 */
export function usePolling(tick: (signal: AbortSignal) => Promise<void>, intervalMs: number): void {
  const latest = useRef(tick);
  latest.current = tick;

  useEffect(() => {
    const controller = new AbortController();
    let timer: number | undefined;
    const run = async () => {
      try {
        await latest.current(controller.signal);
      } catch {
        // Reported by `tick`; polling goes on so a blip in the network does not stop the page.
      } finally {
        if (!controller.signal.aborted) timer = window.setTimeout(run, intervalMs);
      }
    };
    void run();
    return () => {
      controller.abort();
      window.clearTimeout(timer);
    };
  }, [intervalMs]);
}
