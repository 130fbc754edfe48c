import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { ApiError } from "../../core/errors.ts";
import type { Services } from "../../core/services.ts";
import { readIpAllowlist, updateIpAllowlist } from "../../platform/identity/ip-allowlist.ts";
import type { WorkspaceRow } from "../../storage/tables/identity.ts";
import { Form, NoticeQuery, PageAnswers } from "./forms.ts";
import { html } from "./html.ts";
import { Layout, type LayoutProps, type Viewer } from "./layout.ts";
import { memberWorkspace, WorkspaceParams } from "./member-workspace.ts";
import { noticeFrom, withNotice } from "./notices.ts";
import { pageFrame, signedInAdmin } from "./page-context.ts";

/** One entry a line, or separated by commas: however an admin pastes a list. */
const SaveForm = Form({
  enabled: Type.Optional(Type.Literal("1")),
  entries: Type.String({ maxLength: 64_000 }),
});

/**
 * `/settings/:id_code/security`: the workspace's REST API IP allowlist, where Intercom's admins set it
 * (Settings > Security), by the same rules as `PUT /ip_allowlist` (platform/identity/ip-allowlist.ts):
 * the address this page is used from must stay on a list that restricts anything, and every change is
 * in the activity log. Admins of the workspace only.
 */
export async function securityRoutes(plain: FastifyInstance, { services }: { services: Services }) {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    "/settings/:id_code/security",
    { schema: { params: WorkspaceParams, querystring: NoticeQuery, response: PageAnswers } },
    async (request, reply) => {
      const workspace = await memberWorkspace(services, signedInAdmin(request), request.params.id_code);
      const settings = await readIpAllowlist(services.db, workspace.id);
      return reply.page(
        SecurityPage({
          ...pageFrame(request),
          notice: noticeFrom(request.query),
          workspace,
          enabled: settings.enabled,
          entries: settings.entries.join("\n"),
          address: request.ip,
        }),
      );
    },
  );

  app.post(
    "/settings/:id_code/security",
    { schema: { params: WorkspaceParams, body: SaveForm, response: PageAnswers } },
    async (request, reply) => {
      const admin = signedInAdmin(request);
      const workspace = await memberWorkspace(services, admin, request.params.id_code);
      const enabled = request.body.enabled === "1";
      const entries = request.body.entries.split(/[\s,]+/).filter((entry) => entry !== "");
      try {
        await updateIpAllowlist(
          services,
          workspace.id,
          { enabled, ip_allowlist: entries },
          { adminId: admin.id, ip: request.ip },
        );
      } catch (error) {
        if (!(error instanceof ApiError) || error.status >= 500) throw error;
        // Shown again as typed, with what is wrong: nothing was saved.
        const page = SecurityPage({
          ...pageFrame(request),
          notice: { kind: "error", text: error.message },
          workspace,
          enabled,
          entries: request.body.entries,
          address: request.ip,
        });
        return reply.page(page, error.status);
      }
      return reply.redirect(withNotice(`/settings/${workspace.id_code}/security`, "ip_allowlist_saved"), 303);
    },
  );
}

function SecurityPage(p: {
  viewer: Viewer;
  csrf: string;
  notice: LayoutProps["notice"];
  workspace: WorkspaceRow;
  enabled: boolean;
  entries: string;
  address: string;
}) {
  return html`<${Layout} title="Security" viewer=${p.viewer} csrf=${p.csrf} notice=${p.notice}>
    <section class="card">
      <h1>Security · ${p.workspace.name}</h1>
      <h2>REST API IP allowlist</h2>
      <p>
        With the allowlist on and addresses listed, this workspace's access tokens work only from those
        addresses, however they are presented; any other gets a 403. Off, or with nothing listed, every
        address may call.
      </p>
      <form method="post" action=${`/settings/${p.workspace.id_code}/security`}>
        <input type="hidden" name="_csrf" value=${p.csrf} />
        <label><input type="checkbox" name="enabled" value="1" checked=${p.enabled} /> Enable the REST API IP allowlist</label>
        <label for="entries">Allowed addresses and ranges</label>
        <textarea id="entries" name="entries" rows="6" aria-describedby="entries-hint">${p.entries}</textarea>
        <p class="muted" id="entries-hint">
          One a line (or separated by commas): an IPv4 or IPv6 address, or a range such as <code>203.0.113.0/24</code>.
          Your address as Gatehouse sees it is <code>${p.address}</code>: a list that leaves it out is refused,
          so that you cannot lock yourself out.
        </p>
        <button type="submit">Save</button>
      </form>
    </section>
  <//>`;
}
