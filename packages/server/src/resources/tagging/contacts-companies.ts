import { errors } from "../../core/errors.ts";
import type { Services } from "../../core/services.ts";
import { recordId } from "../../core/validation.ts";
import type { CompanyRow } from "../../storage/tables/companies.ts";
import type { ContactRow } from "../../storage/tables/contacts.ts";
import type { TagRow } from "../../storage/tables/tags.ts";
import type { CompanyTarget, TagBody, UserTarget } from "../../wire/tag-input.ts";
import { externalCompanyId } from "../companies/companies.ts";
import { putContactTag, takeContactTag } from "../contacts/contacts.ts";
import { notFound } from "../kit/missing.ts";
import { findInWorkspace } from "../kit/records.ts";
import { createOrUpdateTag } from "../tags.ts";

const untagging = (value: boolean | string | undefined) => value === true || value === "true";

async function resolveCompany(s: Services, workspaceId: number, target: CompanyTarget): Promise<CompanyRow> {
  let query = s.db.selectFrom("companies").selectAll().where("workspace_id", "=", workspaceId);
  if (target.id !== undefined && target.id !== "") query = query.where("id", "=", target.id);
  else if (target.company_id !== undefined)
    query = query.where("company_id", "=", externalCompanyId(target.company_id, "companies.company_id"));
  else throw errors.parameterNotFound("Name each company by its id or company_id", "companies");
  const row = await query.executeTakeFirst();
  if (!row) throw notFound("Company");
  return row;
}

async function resolveUser(s: Services, workspaceId: number, target: UserTarget): Promise<ContactRow> {
  if (target.id === undefined || target.id === "")
    throw errors.parameterNotFound("Name each user by their id", "users");
  return findInWorkspace(s.db, "contacts", workspaceId, target.id, "User");
}

/**
 * Intercom's `POST /tags` with `companies` or `users`: every company and contact named must be the
 * workspace's, or nothing changes; then the tag (made if need be) is put on each, or taken off those
 * marked `untag`. Tagging twice is the same as once.
 */
export async function applyTag(s: Services, workspaceId: number, input: TagBody): Promise<TagRow> {
  const companies = await Promise.all(
    (input.companies ?? []).map(async (t) => ({
      seq: (await resolveCompany(s, workspaceId, t)).seq,
      untag: untagging(t.untag),
    })),
  );
  const users = await Promise.all(
    (input.users ?? []).map(async (t) => ({
      seq: (await resolveUser(s, workspaceId, t)).seq,
      untag: untagging(t.untag),
    })),
  );
  // With an id, the tag is renamed first, as `POST /tags` with an id does.
  const named = { name: input.name, ...(input.id !== undefined && { id: recordId(input.id) }) };
  return createOrUpdateTag(s, workspaceId, named, async (trx, tag) => {
    const now = s.now();
    for (const company of companies) {
      if (company.untag)
        await trx
          .deleteFrom("company_tags")
          .where("company_seq", "=", company.seq)
          .where("tag_id", "=", tag.id)
          .execute();
      else
        await trx
          .insertInto("company_tags")
          .values({ company_seq: company.seq, tag_id: tag.id, applied_at: now })
          .onConflict((oc) => oc.columns(["company_seq", "tag_id"]).doNothing())
          .execute();
    }
    for (const user of users) {
      if (user.untag) await takeContactTag(s, trx, user.seq, tag);
      else await putContactTag(s, trx, user.seq, tag, now);
    }
  });
}
