import type { Logger } from "pino";
import { ApiError } from "../core/errors.ts";
import { Poller } from "../core/poller.ts";
import { type Services, write } from "../core/services.ts";
import { claimDue } from "../storage/claim-due.ts";
import type { JobRow } from "../storage/tables/jobs.ts";
import { findInWorkspace } from "./kit/records.ts";
import { type NewTicketInput, planTicket } from "./tickets/plan.ts";
import { insertTicket } from "./tickets/tickets.ts";

/** The kinds of work the runner knows how to do. */
const CREATE_TICKET = "ticket.create";

/** How long a claimed job is left to its runner before another may take it up (a crash, a restart). */
const LEASE_MS = 60_000;
/** Attempts that end in something other than the request's own fault, before the job is failed. */
const MAX_ATTEMPTS = 5;
const BATCH = 10;

/**
 * Intercom's `POST /tickets/enqueue`: the request is checked now, as far as it can be without writing,
 * and the ticket is made later by the runner. The job, not the process, holds the request, so a
 * restart between the two loses nothing.
 */
export async function enqueueTicketCreation(
  s: Services,
  workspaceId: number,
  adminId: number,
  input: NewTicketInput,
): Promise<JobRow> {
  await planTicket(s.db, workspaceId, input);
  const now = s.now();
  return write(s, (trx) =>
    trx
      .insertInto("jobs")
      .values({
        workspace_id: workspaceId,
        admin_id: adminId,
        kind: CREATE_TICKET,
        payload: JSON.stringify(input),
        resource_type: "ticket",
        run_after: now,
        created_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow(),
  );
}

export async function findJob(s: Services, workspaceId: number, id: number): Promise<JobRow> {
  return findInWorkspace(s.db, "jobs", workspaceId, id, "Job");
}

/**
 * Does the jobs. Every serving instance runs one: a due job is claimed by moving its `run_after` past
 * a lease, so one runner works it; the work and the job's `success` commit in one transaction, so a
 * job cut short by a crash has made nothing and simply comes due again when its lease runs out.
 */
export class JobRunner {
  readonly #s: Services;
  readonly #logger: Logger;
  readonly #poller: Poller;

  constructor(s: Services, logger: Logger, pollMs = 250) {
    this.#s = s;
    this.#logger = logger;
    this.#poller = new Poller("job run", () => this.runOnce(), { pollMs, batch: BATCH, logger });
  }

  start(): void {
    this.#poller.start();
  }

  /** Waits for the job in hand, so none is left half-done. */
  stop(): Promise<void> {
    return this.#poller.stop();
  }

  /** Claims the due jobs and works each; returns how many it claimed. */
  async runOnce(): Promise<number> {
    const now = this.#s.now();
    const jobs = claimDue(this.#s.db, "jobs", {
      now,
      batch: BATCH,
      leaseEnds: now + LEASE_MS,
      stopping: () => this.#poller.stopping,
    });
    let claimed = 0;
    for await (const job of jobs) {
      claimed++;
      await this.#work(job.id);
    }
    return claimed;
  }

  async #work(id: number): Promise<void> {
    const s = this.#s;
    try {
      const done = await write(s, async (trx) => {
        const job = await trx
          .selectFrom("jobs")
          .selectAll()
          .where("id", "=", id)
          .where("status", "=", "pending")
          .executeTakeFirst();
        if (!job) return undefined;
        if (job.kind !== CREATE_TICKET) throw new Error(`unknown job kind ${job.kind}`);
        const plan = await planTicket(trx, job.workspace_id, JSON.parse(job.payload) as NewTicketInput);
        const author =
          job.admin_id === null
            ? { type: "bot" as const, id: "0" }
            : { type: "admin" as const, id: String(job.admin_id) };
        const ticket = await insertTicket(s, trx, job.workspace_id, plan, author);
        await trx
          .updateTable("jobs")
          .set({ status: "success", resource_id: String(ticket.id), error: null, finished_at: s.now() })
          .where("id", "=", id)
          .execute();
        return ticket.id;
      });
      if (done !== undefined) this.#logger.info({ job: id, ticket: done }, "job done");
    } catch (error) {
      // The request no longer holds (its contact or type went meanwhile): the job fails for good.
      // Anything else is ours: try again later, a few times.
      const final = error instanceof ApiError;
      const job = await s.db.selectFrom("jobs").select("attempts").where("id", "=", id).executeTakeFirst();
      const givingUp = final || (job?.attempts ?? MAX_ATTEMPTS) >= MAX_ATTEMPTS;
      await s.db
        .updateTable("jobs")
        .set(
          givingUp
            ? {
                status: "failed",
                error: String((error as Error).message).slice(0, 500),
                finished_at: s.now(),
              }
            : { run_after: s.now() + 1000 * 2 ** (job?.attempts ?? 0) },
        )
        .where("id", "=", id)
        .where("status", "=", "pending")
        .execute();
      if (!final) this.#logger.error({ err: error, job: id }, "job attempt failed");
    }
  }
}
