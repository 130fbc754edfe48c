import type { Kysely, Selectable, Updateable } from "kysely";
import type { Database } from "./schema.ts";

/** Where a table keeps its queue: the column of a row's state, the states that wait, when a row is due. */
type QueueColumns<T extends keyof Database, Row = Selectable<Database[T]>> = {
  [S in keyof Row]: { state: S; waiting: ReadonlyArray<Row[S]>; dueAt: keyof Row };
}[keyof Row];

/**
 * The tables that are queues of work every serving instance takes from (their tables' comments say
 * more). A content export in progress waits too: it is due again once its runner's lease ran out.
 */
const QUEUES = {
  webhook_deliveries: { state: "state", waiting: ["pending"], dueAt: "next_attempt_at" },
  jobs: { state: "status", waiting: ["pending"], dueAt: "run_after" },
  content_exports: { state: "status", waiting: ["pending", "in_progress"], dueAt: "run_after" },
} as const satisfies { [T in keyof Database]?: QueueColumns<T> };

type QueueTable = keyof typeof QUEUES;

export interface Claim<T extends QueueTable> {
  now: number;
  /** How many due rows to look at, oldest first. */
  batch: number;
  /** When the claim runs out: a row its claimer never finished (a crash, a restart) is due again then. */
  leaseEnds: number;
  /** What else a claim writes beside the lease and the attempt. */
  set?: Updateable<Database[T]>;
  /** Asked before each claim: once it holds, no further row is claimed. */
  stopping?: () => boolean;
}

/**
 * Kysely cannot follow column names through a generic table name, so the queries are built as if on one
 * table `queued` whose other columns are named at run time; the SQL names the table and columns given.
 */
type Queued = Kysely<{ queued: { id: number; attempts: number } & Record<string, string | number> }>;

/**
 * Claims a queue's due rows one at a time, each just before it is handed on, so a claimer that works
 * each row as it comes holds one lease at a time. A claim is a conditional update that moves the row's
 * due time to the lease's end and counts an attempt, only if no other claimer moved it first (its state
 * and due time are still those just read): every instance may run the same queue, and exactly one
 * takes each row. Yields each claimed row as it stands after the claim.
 */
export async function* claimDue<T extends QueueTable>(
  db: Kysely<Database>,
  table: T,
  claim: Claim<T>,
): AsyncGenerator<Selectable<Database[T]>> {
  const q = db as unknown as Queued;
  const queued = table as unknown as "queued";
  const { state, waiting, dueAt }: { state: string; waiting: readonly string[]; dueAt: string } =
    QUEUES[table];
  const due = await q
    .selectFrom(queued)
    .select(["id", `${state} as state`, `${dueAt} as due_at`])
    .where(state, "in", waiting)
    .where(dueAt, "<=", claim.now)
    .orderBy(dueAt)
    .limit(claim.batch)
    .execute();
  for (const row of due) {
    if (claim.stopping?.()) return;
    const claimed = await q
      .updateTable(queued)
      .set((eb) => ({ ...claim.set, [dueAt]: claim.leaseEnds, attempts: eb("attempts", "+", 1) }))
      .where("id", "=", row.id)
      .where(state, "=", row.state)
      .where(dueAt, "=", row.due_at)
      .returningAll()
      .executeTakeFirst();
    if (claimed) yield claimed as unknown as Selectable<Database[T]>;
  }
}
