/**
 * Messages to another thread, sent together: those sent in one turn of the event loop go as one
 * message after it (setImmediate), or alone when there is only one. Each postMessage serialises, takes
 * the port's lock and may wake the other thread; under load the serving thread posts several asks per
 * turn and the worker answers several per turn, and one message for them all costs each side about half
 * as much per request (docs/performance.md).
 */
export interface Outbox<T> {
  send(message: T): void;
}

export interface OutboxOptions {
  /**
   * Sends what is queued at once when the first queued message has waited this long, ms: replies to a
   * batch of slow asks (an archive's) go back as they come instead of all after the last. Default: never.
   */
  maxWaitMs?: number;
}

export function createOutbox<T>(
  post: (message: T | { type: "batch"; messages: T[] }) => void,
  options: OutboxOptions = {},
): Outbox<T> {
  const queue: T[] = [];
  const state = { firstAt: 0 };
  const maxWaitMs = options.maxWaitMs ?? Number.POSITIVE_INFINITY;
  const flush = () => {
    if (queue.length === 0) return;
    const messages = queue.splice(0);
    post(messages.length === 1 ? messages[0]! : { type: "batch", messages });
  };
  return {
    send(message) {
      queue.push(message);
      if (queue.length === 1) {
        setImmediate(flush);
        if (maxWaitMs !== Number.POSITIVE_INFINITY) state.firstAt = performance.now();
      } else if (performance.now() - state.firstAt >= maxWaitMs) {
        flush();
      }
    },
  };
}
