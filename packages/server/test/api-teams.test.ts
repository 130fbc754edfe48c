import assert from "node:assert/strict";
import crypto from "node:crypto";
import { after, before, it } from "node:test";
import { IntercomClient } from "intercom-client";
import { sql } from "kysely";
import { addMember, createAdmin, removeMember } from "../src/platform/identity/admins.ts";
import { DEFAULT_AWAY_STATUS_REASONS } from "../src/platform/identity/away-status-reasons.ts";
import { createContact } from "../src/resources/contacts/contacts.ts";
import { migrate } from "../src/storage/database.ts";
import { type ApiInit, callApi, type Json } from "./support/api.ts";
import { cliOf } from "./support/cli.ts";
import { oldWorkspace, withStorageBefore } from "./support/databases.ts";
import {
  describeEachDatabase,
  type Gatehouse,
  startGatehouse,
  type Tenant,
  tenantHolding,
} from "./support/gatehouse.ts";
import { validatingFetch } from "./support/openapi/validating-fetch.ts";

/** Teams and away reasons are read with "Read admins", away mode set with "Update admins"; tickets for assignment. */
const EXTENDED = ["read_admins", "update_admins"];
const STANDARD = ["read_tickets", "write_tickets", "read_users_companies"];

/** Teams, the admins in them, away status reasons, and tickets assigned to a team. */
describeEachDatabase("teams, away status reasons and the team command", (database) => {
  let gh: Gatehouse;
  let tenant: Tenant;
  let other: Tenant;
  let cli: ReturnType<typeof cliOf>;
  let counter = 0;

  const call = (t: Tenant, path: string, init: ApiInit = {}) => callApi(gh.url, t.token, path, init);

  /** A team made through the real command line, as `--json` prints it. */
  async function team(t: Tenant, name: string, ...options: string[]): Promise<Json> {
    const made = await cli(
      "team",
      "create",
      "--workspace",
      t.workspace.id_code,
      "--name",
      name,
      ...options,
      "--json",
    );
    assert.equal(made.code, 0, made.stderr);
    return JSON.parse(made.stdout);
  }

  const holding = (scopes: string[]) => tenantHolding(gh.services, scopes);

  /** Another admin, a member of the tenant's workspace. */
  async function teammate(t: Tenant) {
    counter++;
    const admin = await createAdmin(gh.services, {
      email: `teammate${counter}-${t.workspace.id_code}@example.com`,
      name: `Teammate ${counter}`,
    });
    await addMember(gh.services, t.workspace.id, admin.id, "admin");
    return admin;
  }

  before(async () => {
    const key = crypto.randomBytes(32).toString("base64url");
    gh = await startGatehouse(database, { env: { GATEHOUSE_SECRET_KEY: key } });
    cli = cliOf(gh);
    tenant = await holding([...EXTENDED, ...STANDARD]);
    other = await holding([...EXTENDED, ...STANDARD]);
  });
  after(() => gh.close());

  it("makes teams from the command line; the API lists them and each admin's team_ids says so", async () => {
    const ada = await teammate(tenant);
    const bob = await teammate(tenant);
    const support = await team(tenant, "Support", "--admins", `${ada.email}, ${tenant.admin.email}`);
    // Admins added together are listed by id.
    assert.deepEqual(support.admins, [tenant.admin.email, ada.email]);
    assert.ok(Number(support.id) >= 1_000_000, "team ids never meet admin ids");
    const billing = await team(
      tenant,
      "Billing",
      "--admins",
      bob.email,
      "--distribution",
      "balanced_assignment",
      "--assignment-limit",
      "7",
    );

    const list = await call(tenant, "/teams");
    assert.equal(list.status, 200);
    assert.deepEqual(list.body, {
      type: "team.list",
      teams: [
        {
          type: "team",
          id: support.id,
          name: "Support",
          admin_ids: [tenant.admin.id, ada.id],
          distribution_method: null,
        },
        {
          type: "team",
          id: billing.id,
          name: "Billing",
          admin_ids: [bob.id],
          assignment_limit: 7,
          distribution_method: "balanced_assignment",
        },
      ],
    });
    const one = await call(tenant, `/teams/${billing.id}`);
    assert.deepEqual(one.body, list.body.teams[1]);

    const admins = await call(tenant, "/admins");
    const teamsOf = (id: number) =>
      admins.body.admins.find((a: Json) => a.id === String(id))?.team_ids as number[] | undefined;
    assert.deepEqual(teamsOf(tenant.admin.id), [Number(support.id)]);
    assert.deepEqual(teamsOf(ada.id), [Number(support.id)]);
    assert.deepEqual(teamsOf(bob.id), [Number(billing.id)]);
    assert.deepEqual((await call(tenant, `/admins/${bob.id}`)).body.team_ids, [Number(billing.id)]);

    // Another workspace sees none of them.
    assert.deepEqual((await call(other, "/teams")).body, { type: "team.list", teams: [] });
    const hidden = await call(other, `/teams/${support.id}`);
    assert.equal(hidden.status, 404);
    assert.equal(hidden.body.errors[0].code, "team_not_found");
    assert.equal((await call(tenant, "/teams/not-a-team")).status, 404);
  });

  it("adds and removes team admins from the command line, and a leaver leaves the workspace's teams", async () => {
    const cy = await teammate(tenant);
    const ops = await team(tenant, "Ops", "--distribution", "round_robin");
    assert.deepEqual(ops.admin_ids, []);
    const added = await cli(
      "team",
      "add-admin",
      "--workspace",
      tenant.workspace.id_code,
      "--team",
      "ops",
      "--admin",
      cy.email,
      "--json",
    );
    assert.equal(added.code, 0, added.stderr);
    assert.deepEqual(JSON.parse(added.stdout).admin_ids, [cy.id]);
    const again = await cli(
      "team",
      "add-admin",
      "--workspace",
      tenant.workspace.id_code,
      "--team",
      ops.id,
      "--admin",
      cy.email,
    );
    assert.equal(again.code, 0, "adding twice is adding once");
    assert.deepEqual((await call(tenant, `/teams/${ops.id}`)).body.admin_ids, [cy.id]);
    assert.deepEqual((await call(tenant, `/admins/${cy.id}`)).body.team_ids, [Number(ops.id)]);
    assert.equal((await call(tenant, `/teams/${ops.id}`)).body.distribution_method, "round_robin");
    assert.equal("assignment_limit" in (await call(tenant, `/teams/${ops.id}`)).body, false);

    const removed = await cli(
      "team",
      "remove-admin",
      "--workspace",
      tenant.workspace.id_code,
      "--team",
      ops.id,
      "--admin",
      cy.email,
    );
    assert.equal(removed.code, 0, removed.stderr);
    assert.match(removed.stdout, /Removed .* from team "Ops"/);
    assert.deepEqual((await call(tenant, `/teams/${ops.id}`)).body.admin_ids, []);
    assert.deepEqual((await call(tenant, `/admins/${cy.id}`)).body.team_ids, []);
    const notIn = await cli(
      "team",
      "remove-admin",
      "--workspace",
      tenant.workspace.id_code,
      "--team",
      ops.id,
      "--admin",
      cy.email,
    );
    assert.equal(notIn.code, 1);
    assert.match(notIn.stderr, /is not in team Ops/);

    // Leaving the workspace leaves its teams, and only its teams.
    const both = await teammate(tenant);
    await addMember(gh.services, other.workspace.id, both.id, "admin");
    await cli(
      "team",
      "add-admin",
      "--workspace",
      tenant.workspace.id_code,
      "--team",
      ops.id,
      "--admin",
      both.email,
    );
    const theirs = await team(other, "Elsewhere team", "--admins", both.email);
    await removeMember(gh.services, tenant.workspace.id, both.id);
    assert.deepEqual((await call(tenant, `/teams/${ops.id}`)).body.admin_ids, []);
    assert.deepEqual((await call(other, `/teams/${theirs.id}`)).body.admin_ids, [both.id]);
    assert.deepEqual((await call(other, `/admins/${both.id}`)).body.team_ids, [Number(theirs.id)]);

    const listed = await cli("team", "list", "--workspace", tenant.workspace.id_code);
    assert.equal(listed.code, 0, listed.stderr);
    assert.match(listed.stdout, /Ops/);
  });

  it("refuses bad teams from the command line and makes nothing", async () => {
    const before = (await call(tenant, "/teams")).body.teams.length;
    const stranger = await teammate(other);
    const cases: Array<[string[], RegExp]> = [
      [["--name", "Strangers", "--admins", stranger.email], /is not a member of the workspace/],
      [["--name", "Nobody", "--admins", "nobody@example.com"], /No admin with email/],
      [["--name", "support"], /already has a team named support/],
      [["--name", "Limited", "--assignment-limit", "5"], /only a team with balanced_assignment/],
      [["--name", "Odd", "--distribution", "lottery"], /distribution method must be one of/],
      [
        ["--name", "Huge", "--distribution", "balanced_assignment", "--assignment-limit", "x"],
        /assignment limit/,
      ],
    ];
    for (const [args, message] of cases) {
      const refused = await cli("team", "create", "--workspace", tenant.workspace.id_code, ...args);
      assert.equal(refused.code, 1, args.join(" "));
      assert.match(refused.stderr, message);
    }
    assert.equal(
      (await cli("team", "create", "--workspace", tenant.workspace.id_code)).code,
      2,
      "usage error",
    );
    assert.equal((await call(tenant, "/teams")).body.teams.length, before);
  });

  it("lists the workspace's away reasons and sets an admin away with one, per workspace", async () => {
    const list = await call(tenant, "/away_status_reasons");
    assert.equal(list.status, 200);
    assert.equal(list.body.type, "list");
    assert.deepEqual(
      list.body.data.map((r: Json) => [r.emoji, r.label, r.order, r.deleted]),
      [
        ["☕", "On a break", 1, false],
        ["🍔", "At lunch", 2, false],
        ["📅", "In a meeting", 3, false],
        ["🏠", "Finished for the day", 4, false],
        ["🌴", "On holiday", 5, false],
        ["🤒", "Off sick", 6, false],
      ],
    );
    const [onBreak, atLunch] = list.body.data;
    assert.deepEqual(Object.keys(onBreak), [
      "type",
      "id",
      "label",
      "emoji",
      "order",
      "deleted",
      "created_at",
      "updated_at",
    ]);
    assert.equal(onBreak.type, "away_status_reason");
    assert.ok(Number.isInteger(onBreak.created_at) && onBreak.created_at > 1_600_000_000);
    const theirs = (await call(other, "/away_status_reasons")).body.data;
    assert.equal(theirs.length, 6);
    assert.ok(!theirs.some((r: Json) => r.id === onBreak.id), "each workspace has its own");

    const away = await call(tenant, `/admins/${tenant.admin.id}/away`, {
      method: "PUT",
      body: { away_mode_enabled: true, away_mode_reassign: false, away_status_reason_id: Number(atLunch.id) },
    });
    assert.equal(away.status, 200, JSON.stringify(away.body));
    assert.equal(away.body.away_status_reason_id, Number(atLunch.id));
    const me = (await call(tenant, "/admins")).body.admins.find(
      (a: Json) => a.id === String(tenant.admin.id),
    );
    assert.equal(me.away_status_reason_id, Number(atLunch.id));

    // The same admin in another workspace is not away there, and gave that workspace no reason.
    await addMember(gh.services, other.workspace.id, tenant.admin.id, "admin");
    const there = (await call(other, `/admins/${tenant.admin.id}`)).body;
    assert.deepEqual(
      [there.away_mode_enabled, there.away_mode_reassign, there.away_status_reason_id],
      [false, false, null],
    );
    const foreignReason = await call(other, `/admins/${tenant.admin.id}/away`, {
      method: "PUT",
      body: { away_mode_enabled: true, away_mode_reassign: false, away_status_reason_id: Number(onBreak.id) },
    });
    assert.equal(foreignReason.status, 400);
    assert.equal(foreignReason.body.errors[0].code, "parameter_invalid");
    assert.equal(
      (await call(tenant, `/admins/${tenant.admin.id}`)).body.away_status_reason_id,
      Number(atLunch.id),
    );

    // Away in the other workspace too, with its own reason and reassignment.
    const theirReason = theirs[0] as Json;
    const awayThere = await call(other, `/admins/${tenant.admin.id}/away`, {
      method: "PUT",
      body: {
        away_mode_enabled: true,
        away_mode_reassign: true,
        away_status_reason_id: Number(theirReason.id),
      },
    });
    assert.equal(awayThere.status, 200, awayThere.text);

    // Away without a reason clears this workspace's reason; coming back here leaves the other as it is.
    const plain = await call(tenant, `/admins/${tenant.admin.id}/away`, {
      method: "PUT",
      body: { away_mode_enabled: true, away_mode_reassign: true },
    });
    assert.equal(plain.body.away_status_reason_id, null);
    await call(tenant, `/admins/${tenant.admin.id}/away`, {
      method: "PUT",
      body: { away_mode_enabled: true, away_mode_reassign: false, away_status_reason_id: Number(onBreak.id) },
    });
    const back = await call(tenant, `/admins/${tenant.admin.id}/away`, {
      method: "PUT",
      body: { away_mode_enabled: false, away_mode_reassign: false },
    });
    assert.equal(back.body.away_mode_enabled, false);
    assert.equal(back.body.away_status_reason_id, null);
    const stillAway = (await call(other, `/admins/${tenant.admin.id}`)).body;
    assert.deepEqual(
      [stillAway.away_mode_enabled, stillAway.away_mode_reassign, stillAway.away_status_reason_id],
      [true, true, Number(theirReason.id)],
    );
    const listedThere = (await call(other, "/admins")).body.admins.find(
      (a: Json) => a.id === String(tenant.admin.id),
    );
    assert.equal(listedThere.away_mode_enabled, true);
    await removeMember(gh.services, other.workspace.id, tenant.admin.id);
  });

  it("keeps deleted away reasons listed and refuses them", async () => {
    const added = await cli(
      "away-reason",
      "add",
      "--workspace",
      tenant.workspace.id_code,
      "--label",
      "Training",
      "--emoji",
      "🎓",
      "--json",
    );
    assert.equal(added.code, 0, added.stderr);
    const training = JSON.parse(added.stdout);
    assert.equal(training.order, 7);
    const set = await call(tenant, `/admins/${tenant.admin.id}/away`, {
      method: "PUT",
      body: {
        away_mode_enabled: true,
        away_mode_reassign: false,
        away_status_reason_id: Number(training.id),
      },
    });
    assert.equal(set.body.away_status_reason_id, Number(training.id));

    const deleted = await cli(
      "away-reason",
      "delete",
      "--workspace",
      tenant.workspace.id_code,
      "--id",
      training.id,
    );
    assert.equal(deleted.code, 0, deleted.stderr);
    const listed = (await call(tenant, "/away_status_reasons")).body.data;
    assert.deepEqual(
      listed.filter((r: Json) => r.id === training.id).map((r: Json) => [r.label, r.deleted]),
      [["Training", true]],
    );
    const refused = await call(tenant, `/admins/${tenant.admin.id}/away`, {
      method: "PUT",
      body: { away_mode_enabled: true, away_mode_reassign: true, away_status_reason_id: Number(training.id) },
    });
    assert.equal(refused.status, 400);
    assert.deepEqual(refused.body.errors[0], {
      code: "parameter_invalid",
      message: "Away status reason is deleted",
      field: "away_status_reason_id",
    });
    const unchanged = await call(tenant, `/admins/${tenant.admin.id}`);
    assert.equal(unchanged.body.away_mode_reassign, false, "nothing changed");
    const missing = await cli(
      "away-reason",
      "delete",
      "--workspace",
      tenant.workspace.id_code,
      "--id",
      "999999",
    );
    assert.equal(missing.code, 1);
  });

  it("assigns tickets to a team of the workspace, on creation and by assignee_id, and searches by team", async () => {
    const desk = await team(tenant, "Desk");
    const type = await call(tenant, "/ticket_types", { method: "POST", body: { name: "Question" } });
    assert.equal(type.status, 200, JSON.stringify(type.body));
    const contact = await createContact(gh.services, tenant.workspace.id, { email: "asker@example.com" });
    const base = { ticket_type_id: type.body.id, contacts: [{ id: contact.id }] };

    const made = await call(tenant, "/tickets", {
      method: "POST",
      body: {
        ...base,
        assignment: { admin_assignee_id: String(tenant.admin.id), team_assignee_id: desk.id },
      },
    });
    assert.equal(made.status, 200, JSON.stringify(made.body));
    assert.equal(made.body.team_assignee_id, desk.id);
    assert.equal(made.body.admin_assignee_id, String(tenant.admin.id));

    const plain = await call(tenant, "/tickets", { method: "POST", body: base });
    assert.equal(plain.body.team_assignee_id, "0");
    const second = await team(tenant, "Second line");
    const moved = await call(tenant, `/tickets/${plain.body.id}`, {
      method: "PUT",
      body: { assignee_id: second.id, admin_id: tenant.admin.id },
    });
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    assert.equal(moved.body.team_assignee_id, second.id);
    assert.equal(moved.body.admin_assignee_id, "0", "the admin stays as it was");
    const parts = moved.body.ticket_parts.ticket_parts;
    assert.deepEqual(parts.at(-1).assigned_to, { type: "team", id: second.id });
    // The admin's own id still names the admin.
    const toAdmin = await call(tenant, `/tickets/${plain.body.id}`, {
      method: "PUT",
      body: { assignee_id: String(tenant.admin.id) },
    });
    assert.equal(toAdmin.body.admin_assignee_id, String(tenant.admin.id));
    assert.equal(toAdmin.body.team_assignee_id, second.id);

    const search = async (operator: string, value: unknown) =>
      (
        await call(tenant, "/tickets/search", {
          method: "POST",
          body: { query: { field: "team_assignee_id", operator, value } },
        })
      ).body.tickets.map((t: Json) => t.id);
    assert.deepEqual(await search("=", desk.id), [made.body.id]);
    assert.deepEqual((await search("!=", desk.id)).sort(), [plain.body.id].sort());
    assert.deepEqual(await search("=", "0"), []);

    // Another workspace's team, or none at all, is no assignee.
    const foreign = await team(other, "Foreign desk");
    for (const body of [
      { ...base, assignment: { team_assignee_id: foreign.id } },
      { ...base, assignment: { team_assignee_id: "1999999" } },
    ]) {
      const refused = await call(tenant, "/tickets", { method: "POST", body });
      assert.equal(refused.status, 404, JSON.stringify(body));
      assert.equal(refused.body.errors[0].code, "assignee_not_found");
    }
    const refused = await call(tenant, `/tickets/${plain.body.id}`, {
      method: "PUT",
      body: { assignee_id: foreign.id },
    });
    assert.equal(refused.status, 404);
    assert.equal((await call(tenant, `/tickets/${plain.body.id}`)).body.team_assignee_id, second.id);
  });

  it("takes Read admins for teams and away reasons", async () => {
    const without = await holding(STANDARD);
    for (const path of ["/teams", "/away_status_reasons"]) {
      const refused = await call(without, path);
      assert.equal(refused.status, 403, path);
      assert.equal(refused.body.errors[0].code, "forbidden");
    }
    const reader = await holding(["read_admins"]);
    assert.equal((await call(reader, "/teams")).status, 200);
    assert.equal((await call(reader, "/away_status_reasons")).status, 200);
  });

  it("works with the official SDK", async () => {
    const t = await holding([...EXTENDED, ...STANDARD]);
    const mate = await teammate(t);
    const made = await team(t, "SDK team", "--admins", mate.email);
    const client = new IntercomClient({ token: t.token, baseUrl: gh.url, fetch: validatingFetch });
    const teams = await client.teams.list();
    assert.deepEqual(
      teams.teams?.map((x) => [x.id, x.name, x.admin_ids]),
      [[made.id, "SDK team", [mate.id]]],
    );
    const found = await client.teams.find({ team_id: made.id });
    assert.deepEqual(found.admin_ids, [mate.id]);

    // OpenAPI 2.14 answers a `list` object; the SDK types it as an array but returns the body as sent.
    const reasons = (await client.awayStatusReasons.listAwayStatusReasons()) as unknown as Json;
    assert.equal(reasons.data.length, 6);
    const away = await client.admins.away({
      admin_id: mate.id,
      away_mode_enabled: true,
      away_mode_reassign: true,
      away_status_reason_id: Number(reasons.data[2].id),
    });
    assert.equal(away?.away_status_reason_id, Number(reasons.data[2].id));
    assert.deepEqual(away?.team_ids, [Number(made.id)]);
    const admin = await client.admins.find({ admin_id: mate.id });
    assert.equal(admin?.away_status_reason_id, Number(reasons.data[2].id));
  });

  it("gives each of an admin's workspaces the away mode the admin had before migration 0021", async () => {
    await withStorageBefore(database, "0021", async (storage) => {
      const [first, second] = [
        await oldWorkspace(storage, "away0001"),
        await oldWorkspace(storage, "away0002"),
      ];
      // The admin-wide columns are gone from today's types, so the old rows are written as SQL.
      const admin = async (email: string, enabled: boolean, reassign: boolean) => {
        const { rows } = await sql<{ id: number }>`
          insert into admins (email, name, away_mode_enabled, away_mode_reassign, created_at)
          values (${email}, ${email}, ${enabled}, ${reassign}, ${1_600_000_000_000}) returning id`.execute(
          storage.db,
        );
        return Number(rows[0]?.id);
      };
      const away = await admin("away@example.com", true, true);
      const present = await admin("present@example.com", false, false);
      for (const [workspaceId, adminId] of [
        [first.id, away],
        [second.id, away],
        [first.id, present],
      ] as [number, number][])
        await storage.db
          .insertInto("memberships")
          .values({ workspace_id: workspaceId, admin_id: adminId, role: "admin", created_at: 1 })
          .execute();

      const applied = await migrate(storage);
      assert.equal(applied[0], "0021_away_mode_per_workspace", "later migrations may follow it");
      const places = await storage.db
        .selectFrom("memberships")
        .select(["workspace_id", "admin_id", "away_mode_enabled", "away_mode_reassign"])
        .orderBy("admin_id")
        .orderBy("workspace_id")
        .execute();
      assert.deepEqual(
        places.map((p) => [
          p.workspace_id,
          p.admin_id,
          Boolean(p.away_mode_enabled),
          Boolean(p.away_mode_reassign),
        ]),
        [
          [first.id, away, true, true],
          [second.id, away, true, true],
          [first.id, present, false, false],
        ],
      );
      await assert.rejects(
        sql`select away_mode_enabled from admins`.execute(storage.db),
        "the admin-wide copy is gone",
      );
    });
  });

  it("gives workspaces that existed before migration 0018 the away reasons new ones have, and counts teams from 1,000,000", async () => {
    await withStorageBefore(database, "0018", async (storage) => {
      const workspace = await oldWorkspace(storage, "old00018");
      const applied = await migrate(storage);
      assert.equal(applied[0], "0018_teams_visitors_internal_articles");
      assert.ok(applied.every((name) => name >= "0018"));
      const reasons = await storage.db
        .selectFrom("away_status_reasons")
        .select(["label", "emoji", "position", "deleted", "created_at"])
        .where("workspace_id", "=", workspace.id)
        .orderBy("position")
        .execute();
      assert.deepEqual(
        reasons.map((r) => ({ ...r, deleted: Boolean(r.deleted), created_at: Number(r.created_at) })),
        DEFAULT_AWAY_STATUS_REASONS.map((r, index) => ({
          label: r.label,
          emoji: r.emoji,
          position: index + 1,
          deleted: false,
          created_at: 1_600_000_000_000,
        })),
      );
      const first = await storage.db
        .insertInto("teams")
        .values({
          workspace_id: workspace.id,
          name: "First",
          name_key: "first",
          distribution_method: null,
          assignment_limit: null,
          created_at: 1,
          updated_at: 1,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      assert.equal(first.id, 1_000_000);
    });
  });
});
