import { Type } from "typebox";
import type { Services } from "../../core/services.ts";
import { pageActivity } from "../../platform/services/audit.ts";
import {
  type ActivityGroup,
  actionsOf,
  describeActivity,
  isActivityGroup,
  type Sentence,
} from "./activity-sentences.ts";

export const ACTIVITY_PAGE_SIZE = 50;

/**
 * The log page's query: `?kind=<group>&page=<n>`. Any text is taken (a link may be old or edited by
 * hand) and read leniently: an unknown kind shows everything, a page that is not a number shows the
 * first, one past the end the last. Only a repeated or oversized parameter is refused (a 400 page).
 */
export const ActivityQuery = Type.Object({
  page: Type.Optional(Type.String({ maxLength: 20 })),
  kind: Type.Optional(Type.String({ maxLength: 40 })),
});

export interface ActivityLine {
  id: number;
  when: number;
  action: string;
  sentence: Sentence;
  ip: string | null;
}

export interface ActivityList {
  lines: ActivityLine[];
  group: ActivityGroup | undefined;
  page: number;
  pages: number;
  total: number;
}

const EVER = { after: -1, before: Number.MAX_SAFE_INTEGER };

/** One page of a workspace's log, newest first, in sentences. */
export async function loadActivity(
  services: Services,
  workspaceId: number,
  query: Type.Static<typeof ActivityQuery>,
): Promise<ActivityList> {
  const group = isActivityGroup(query.kind) ? query.kind : undefined;
  const actions = group ? actionsOf(group) : undefined;
  const asked = /^[1-9][0-9]{0,6}$/.test(query.page ?? "") ? Number(query.page) : 1;
  const size = ACTIVITY_PAGE_SIZE;
  let found = await pageActivity(services, workspaceId, EVER, { number: asked, size }, actions);
  const pages = Math.max(1, Math.ceil(found.total / size));
  const page = Math.min(asked, pages);
  if (page !== asked)
    found = await pageActivity(services, workspaceId, EVER, { number: page, size }, actions);
  const names = await appNames(services, found.rows);
  const scopeLabel = (id: string) => services.scopes.get(id)?.label ?? id;
  return {
    group,
    page,
    pages,
    total: found.total,
    lines: found.rows.map((r) => ({
      id: r.id,
      when: r.created_at,
      action: r.action,
      ip: r.ip,
      sentence: describeActivity(
        {
          action: r.action,
          details: r.details,
          adminName: r.admin_name,
          appName:
            typeof r.details.app_name === "string" ? r.details.app_name : names.get(Number(r.details.app_id)),
        },
        scopeLabel,
      ),
    })),
  };
}

/** Names of the apps entries refer to by id only (installs, uninstalls), in one query. */
async function appNames(services: Services, rows: { details: Record<string, unknown> }[]) {
  const ids = [
    ...new Set(
      rows
        .filter((r) => typeof r.details.app_name !== "string")
        .map((r) => r.details.app_id)
        .filter((id): id is number => Number.isSafeInteger(id)),
    ),
  ];
  if (ids.length === 0) return new Map<number, string>();
  const apps = await services.db.selectFrom("apps").select(["id", "name"]).where("id", "in", ids).execute();
  return new Map(apps.map((a) => [a.id, a.name]));
}
