/**
 * What bodies not yet verified may hold in memory, over all connections. A request's signature can
 * only be checked once its whole body is in, so a stranger with a well-formed but false signature
 * header could make the server buffer up to the body limit (1 MiB) per connection: 300 connections
 * took the process from 167 to 493 MB. Each body reads its first UNVERIFIED_FREE_BYTES freely (Slack's
 * commands and events are smaller); beyond that it draws on one shared budget, and a body that finds
 * the budget spent is refused (503, which Slack retries) instead of buffered.
 */

/** Bytes of each body read without drawing on the budget: Slack's commands and events fit. */
export const UNVERIFIED_FREE_BYTES = 16 * 1024;

/**
 * Bytes beyond the free allowance that bodies being read may hold together: sixteen full-size (1 MiB)
 * interactivity payloads at once, far past Slack's real traffic. Worst case in memory: this plus the
 * free allowance times MAX_CONNECTIONS (16 MB at 1,000).
 */
export const MAX_UNVERIFIED_BYTES = 16 * 1024 * 1024;

export class BodyBudget {
  private held = 0;

  constructor(
    readonly limit: number = MAX_UNVERIFIED_BYTES,
    readonly freePerBody: number = UNVERIFIED_FREE_BYTES,
  ) {}

  /** Bytes held now beyond the free allowances. */
  get heldBytes(): number {
    return this.held;
  }

  /**
   * A body that has read `size` bytes (this chunk included) takes what it needs for a chunk of
   * `chunk` bytes; returns the bytes taken (to give back), or -1 when the budget cannot cover them.
   */
  take(size: number, chunk: number): number {
    const need = Math.min(chunk, size - this.freePerBody);
    if (need <= 0) return 0;
    if (this.held + need > this.limit) return -1;
    this.held += need;
    return need;
  }

  give(bytes: number): void {
    this.held -= bytes;
  }
}
