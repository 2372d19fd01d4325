/**
 * Runs `fn` over `items`, at most `limit` at a time, starting no new item once `stop()` says so;
 * resolves when all started have settled, then rejects with the first error `fn` threw, if any.
 */
export async function eachLimit<T>(
  items: readonly T[],
  limit: number,
  stop: () => boolean,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length && !stop()) {
      const item = items[next++]!;
      await fn(item);
    }
  };
  // Settled, not raced: a worker's error must not end the run while others still write.
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker);
  const failed = (await Promise.allSettled(workers)).find((result) => result.status === "rejected");
  if (failed) throw failed.reason;
}
