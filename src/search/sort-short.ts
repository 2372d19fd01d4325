/** Lists up to this long are sorted by insertion; longer ones by Array.prototype.sort. */
const SHORT = 24;

/**
 * Sorts in place, stably, like `items.sort(compare)` — the same order for any comparator. V8's
 * Array.prototype.sort allocates working state on every call whatever the length, and a question sorts
 * half a dozen short lists (a query's terms, a small corpus's candidates). Insertion sort allocates
 * nothing and is as fast on short lists.
 */
export function sortShort<T>(items: T[], compare: (x: T, y: T) => number): T[] {
  if (items.length > SHORT) return items.sort(compare);
  for (let i = 1; i < items.length; i++) {
    const item = items[i]!;
    let j = i - 1;
    while (j >= 0 && compare(items[j]!, item) > 0) {
      items[j + 1] = items[j]!;
      j--;
    }
    items[j + 1] = item;
  }
  return items;
}
