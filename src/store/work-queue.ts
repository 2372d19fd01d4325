import type { Guarded } from "./rooms.js";
import type { WorkItem, WorkQueue } from "./types.js";

interface WorkRecord {
  id: string;
  kind: string;
  payload: string;
  accepted_at: number;
  attempts: number;
}

/**
 * Accepted work, so that an acknowledged request whose process dies is answered by another. Each item
 * is leased to the process answering it; a lease that runs out (the holder died, or stopped renewing)
 * lets any live process claim the item. Completion is conditional on still holding it, so a process
 * that lost its lease learns it rather than answering twice unknowingly.
 */
export function workQueue(db: Guarded): WorkQueue {
  const CLAIM = `UPDATE work SET holder = $1, lease_until = $2, attempts = attempts + 1
    WHERE id IN (SELECT id FROM work WHERE done_at IS NULL AND lease_until <= $3
                 ORDER BY accepted_at LIMIT $4 ${db.dialect.skipLocked})
    RETURNING id, kind, payload, accepted_at, attempts`;
  return {
    async accept(item, holder, now, leaseMs) {
      const changed = await db.run(
        `INSERT INTO work (id, kind, payload, accepted_at, holder, lease_until, attempts)
         VALUES ($1, $2, $3, $4, $5, $6, 1) ON CONFLICT (id) DO NOTHING`,
        [item.id, item.kind, JSON.stringify(item.payload), now, holder, now + leaseMs],
      );
      return changed === 1;
    },
    async renew(ids, holder, now, leaseMs) {
      for (const id of ids) {
        await db.run("UPDATE work SET lease_until = $1 WHERE id = $2 AND holder = $3 AND done_at IS NULL", [
          now + leaseMs,
          id,
          holder,
        ]);
      }
    },
    async claimExpired(holder, now, leaseMs, limit) {
      const rows = await db.all<WorkRecord>(CLAIM, [holder, now + leaseMs, now, limit]);
      return rows
        .map(
          (r): WorkItem => ({
            id: r.id,
            kind: r.kind,
            payload: JSON.parse(r.payload),
            acceptedAt: Number(r.accepted_at),
            attempts: Number(r.attempts),
          }),
        )
        .sort((a, b) => a.acceptedAt - b.acceptedAt);
    },
    async complete(id, holder, now) {
      const changed = await db.run(
        "UPDATE work SET done_at = $1 WHERE id = $2 AND holder = $3 AND done_at IS NULL",
        [now, id, holder],
      );
      return changed === 1;
    },
    async release(ids, holder) {
      for (const id of ids) {
        await db.run("UPDATE work SET lease_until = 0 WHERE id = $1 AND holder = $2 AND done_at IS NULL", [
          id,
          holder,
        ]);
      }
    },
    purge: (before) => db.run("DELETE FROM work WHERE done_at IS NOT NULL AND done_at < $1", [before]),
    async pending() {
      const rows = await db.all<{ n: number }>("SELECT COUNT(*) AS n FROM work WHERE done_at IS NULL");
      return Number(rows[0]?.n ?? 0);
    },
  };
}
