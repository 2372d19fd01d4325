import { randomUUID } from "node:crypto";
import os from "node:os";
import type { Logger } from "../logger.js";
import type { Store, WorkItem } from "../store/index.js";
import { isQuestionMessage } from "./question-subtypes.js";

/**
 * How long a replica holds work it acknowledged before another may take it over, ms. It renews the
 * lease while answering, so only a dead (or frozen) holder loses it: with the sweep below, work a
 * SIGKILLed replica acknowledged is answered by another within ~12 s, inside Slack's and the 30.
 */
export const WORK_LEASE_MS = 10_000;
export const WORK_RENEW_MS = 3_000;
/** How often each replica looks for work whose holder died, ms. */
export const WORK_SWEEP_MS = 2_000;
/** Work taken over this many times is given up (it may be what kills its holders): logged, not answered. */
export const WORK_MAX_ATTEMPTS = 3;
/** Most items one sweep takes. */
const SWEEP_BATCH = 20;

/** What `accept` decided about a request. */
export type Acceptance =
  /** Recorded: this process answers it; another takes it over if this one dies. */
  | { verdict: "accepted"; id: string }
  /** Already recorded (a redelivery, or a DM mention's second event): acknowledge, do not answer. */
  | { verdict: "duplicate"; id: string }
  /** Not work (nothing to answer), or the store could not record it: answered as before, in memory. */
  | { verdict: "unrecorded" };

export interface AcceptedWork {
  /** Records the request before it is acknowledged. */
  accept(body: Record<string, unknown>): Promise<Acceptance>;
  /** The request's answer is done (or failed for good): nobody answers it again. */
  complete(id: string): Promise<void>;
  /** Starts sweeping: work whose holder died is claimed and handed to `answer`. */
  start(answer: (item: WorkItem) => Promise<void>): void;
  /** Stops sweeping and taking over work; leaves held work held. */
  stopSweeping(): void;
  /** Hands back whatever this process still holds (draining): the next sweep elsewhere takes it. */
  release(): Promise<number>;
  /** Ids this process holds now. */
  held(): number;
}

interface EventBody {
  type?: unknown;
  event?: {
    type?: unknown;
    channel?: unknown;
    channel_type?: unknown;
    ts?: unknown;
    subtype?: unknown;
    bot_id?: unknown;
    user?: unknown;
  };
}

/**
 * The work id of an event answered with a message after its ack (a mention, a DM), else undefined.
 * It is the message's own (channel, ts): a DM mention arrives as app_mention and as message, and
 * Slack's retries carry the same message, so all of them are one item. Commands are answered in
 * their ack and clicks by their response URL: not work here.
 */
export function workIdOf(body: Record<string, unknown>): string | undefined {
  const { type, event } = body as EventBody;
  if (type !== "event_callback" || !event) return undefined;
  if (!isQuestionMessage(event) || event.bot_id !== undefined || typeof event.user !== "string") {
    return undefined;
  }
  const answered = event.type === "app_mention" || (event.type === "message" && event.channel_type === "im");
  if (!answered || typeof event.channel !== "string" || typeof event.ts !== "string") return undefined;
  return `message:${event.channel}:${event.ts}`;
}

/**
 * Accepted work in the store: written before the ack, leased to the process answering it, renewed while
 * it does, taken over by a live process when the holder dies, completed once. A store that cannot be
 * reached records nothing: the request is answered as before, only not handed over if this process dies.
 */
export function createAcceptedWork(options: {
  store: Store;
  logger: Logger;
  now?: () => number;
  holder?: string;
}): AcceptedWork {
  return new StoredWork(
    options.store,
    options.logger,
    options.now ?? Date.now,
    options.holder ?? `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
  );
}

class StoredWork implements AcceptedWork {
  /** Ids this process holds the lease of: renewed every WORK_RENEW_MS, handed back when draining. */
  private readonly holding = new Set<string>();
  private readonly renewTimer: NodeJS.Timeout;
  private sweepTimer: NodeJS.Timeout | undefined;
  /** A sweep is running: the next tick does not start another over it. */
  private sweeping = false;

  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
    private readonly now: () => number,
    private readonly holder: string,
  ) {
    this.renewTimer = setInterval(() => this.renew(), WORK_RENEW_MS).unref();
  }

  async accept(body: Record<string, unknown>): Promise<Acceptance> {
    const id = workIdOf(body);
    if (!id) return { verdict: "unrecorded" };
    try {
      const item = { id, kind: "event", payload: body };
      const first = await this.store.work.accept(item, this.holder, this.now(), WORK_LEASE_MS);
      if (!first) return { verdict: "duplicate", id };
      this.holding.add(id);
      return { verdict: "accepted", id };
    } catch {
      return { verdict: "unrecorded" };
    }
  }

  async complete(id: string): Promise<void> {
    this.holding.delete(id);
    try {
      const mine = await this.store.work.complete(id, this.holder, this.now());
      if (!mine) {
        this.logger.warn(
          { code: "work_lost_lease", workId: id },
          "Answered work that another process had already taken over; it may have been answered twice.",
        );
      }
    } catch {
      // Unreachable store: the item's lease runs out and another process may answer it again.
    }
  }

  start(answer: (item: WorkItem) => Promise<void>): void {
    this.sweepTimer = setInterval(() => void this.sweep(answer), WORK_SWEEP_MS).unref();
    void this.sweep(answer);
  }

  stopSweeping(): void {
    clearInterval(this.sweepTimer);
  }

  async release(): Promise<number> {
    clearInterval(this.renewTimer);
    // An answer that just finished completes in the next turn: let it, rather than hand it back.
    await new Promise((resolve) => setImmediate(resolve));
    const ids = [...this.holding];
    this.holding.clear();
    if (ids.length > 0) await this.store.work.release(ids, this.holder).catch(() => {});
    return ids.length;
  }

  held(): number {
    return this.holding.size;
  }

  private renew(): void {
    if (this.holding.size === 0) return;
    this.store.work.renew([...this.holding], this.holder, this.now(), WORK_LEASE_MS).catch(() => {});
  }

  private async sweep(answer: (item: WorkItem) => Promise<void>): Promise<void> {
    if (this.sweeping) return;
    this.sweeping = true;
    try {
      const items = await this.store.work.claimExpired(this.holder, this.now(), WORK_LEASE_MS, SWEEP_BATCH);
      for (const item of items) await this.takeOver(item, answer);
    } catch {
      // The store is unreachable (its health says so); the next sweep tries again.
    } finally {
      this.sweeping = false;
    }
  }

  /** Answers an item whose holder died, or gives it up when it has been taken over too often. */
  private async takeOver(item: WorkItem, answer: (item: WorkItem) => Promise<void>): Promise<void> {
    this.holding.add(item.id);
    if (item.attempts > WORK_MAX_ATTEMPTS) {
      this.logger.error(
        { code: "work_abandoned", workId: item.id, attempts: item.attempts },
        `Accepted work was taken over ${item.attempts - 1} times without being answered; it is given up.`,
      );
      await this.complete(item.id);
      return;
    }
    this.logger.warn(
      {
        code: "work_taken_over",
        workId: item.id,
        attempts: item.attempts,
        ageMs: this.now() - item.acceptedAt,
      },
      "Answering work another process acknowledged and did not finish.",
    );
    void answer(item);
  }
}
