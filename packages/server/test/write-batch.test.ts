import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { WriteBatcher } from "../src/core/write-batch.ts";
import {
  createTenant,
  describeEachDatabase,
  type Gatehouse,
  startGatehouse,
  type Tenant,
} from "./support/gatehouse.ts";

/**
 * Group commit (issue 14, the code-for-token exchange's speed): writes that arrive together share one
 * commit, and must still behave as if each had its own: all or nothing each, in order, answered only
 * once committed, a failing one undone alone.
 */
describeEachDatabase("batched writes", (database) => {
  let gh: Gatehouse;
  let alpha: Tenant;
  // The batcher itself, on both databases (the exchange batches through it on SQLite only).
  let batcher: WriteBatcher;

  before(async () => {
    gh = await startGatehouse(database);
    batcher = new WriteBatcher(gh.services);
    alpha = await createTenant(gh.services, { name: "Alpha" });
  });
  after(() => gh.close());

  const note = (action: string) =>
    batcher.run(async (trx, touched) => {
      await trx
        .insertInto("activity_log")
        .values({
          workspace_id: alpha.workspace.id,
          admin_id: null,
          action,
          details: "{}",
          ip: null,
          created_at: Date.now(),
        })
        .execute();
      touched.add(`test:${action}`);
      if (action.endsWith("fails")) throw new Error(`${action}: refused`);
      return action;
    });

  const stored = async (prefix: string) =>
    (
      await gh.services.db
        .selectFrom("activity_log")
        .select("action")
        .where("action", "like", `${prefix}%`)
        .orderBy("id")
        .execute()
    ).map((row) => row.action);

  it("commits many concurrent units, each answered with its own result, and undoes a failing one alone", async () => {
    const heard: string[] = [];
    gh.services.changes.subscribe((tags) => heard.push(...tags));
    const actions = Array.from({ length: 30 }, (_, i) => (i % 7 === 3 ? `b${i}-fails` : `b${i}`));
    const results = await Promise.allSettled(actions.map(note));
    results.forEach((result, i) => {
      const action = actions[i] as string;
      if (action.endsWith("fails")) {
        assert.equal(result.status, "rejected", action);
        assert.match(String((result as PromiseRejectedResult).reason), /refused/);
      } else {
        assert.deepEqual(result, { status: "fulfilled", value: action });
      }
    });
    const kept = actions.filter((a) => !a.endsWith("fails"));
    assert.deepEqual(await stored("b"), kept, "every good unit committed, in order; no failed one's row");
    for (const action of kept) assert.ok(heard.includes(`test:${action}`), `${action}'s tags published`);
    for (const action of actions.filter((a) => a.endsWith("fails")))
      assert.ok(!heard.includes(`test:${action}`), `${action}'s tags not published`);
  });

  it("answers a unit only once its commit is visible to every other reader", async () => {
    const answered = await Promise.all(
      Array.from({ length: 10 }, async (_, i) => {
        await note(`c${i}`);
        // Read outside any transaction the moment the unit is answered.
        return (await stored(`c${i}`)).length;
      }),
    );
    assert.deepEqual(answered, Array(10).fill(1));
  });

  it("lets a later unit see an earlier one's writes in the same commit", async () => {
    const seen = await Promise.all([
      note("d-first"),
      batcher.run(
        async (trx) =>
          (await trx.selectFrom("activity_log").select("action").where("action", "=", "d-first").execute())
            .length,
      ),
    ]);
    assert.deepEqual(seen, ["d-first", 1]);
  });
});
