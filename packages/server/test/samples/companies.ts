import { createOrUpdateCompany } from "../../src/resources/companies/companies.ts";
import { createSegment } from "../../src/resources/segments.ts";
import type { RouteSamples, SampleContext } from "../support/route-samples.ts";

/** Companies, the companies of contacts, and segments. */
const unique = () => Math.random().toString(36).slice(2);

async function company({ gh, tenant }: SampleContext) {
  const { company } = await createOrUpdateCompany(gh.services, tenant.workspace.id, {
    company_id: `sample-${unique()}`,
    name: "Sample Co",
  });
  return company;
}

const withCompany = async (context: SampleContext) => ({
  url: context.url.replace(":company_id", (await company(context)).id),
});

export const samples: RouteSamples = {
  "POST /companies": async ({ url }) => ({ url, body: { company_id: `new-${unique()}`, name: "New Co" } }),
  // A look-up by company_id answers with either scope; listing them all needs the list scope.
  "GET /companies": async (context) => ({
    url: `${context.url}?company_id=${encodeURIComponent((await company(context)).company_id)}`,
  }),
  "GET /companies/:company_id": withCompany,
  "PUT /companies/:company_id": async (context) => ({ ...(await withCompany(context)), body: { size: 12 } }),
  "DELETE /companies/:company_id": withCompany,
  "GET /companies/:company_id/contacts": withCompany,
  "GET /companies/:company_id/segments": withCompany,
  "POST /contacts/:contact_id/companies": async (context) => ({
    url: context.url,
    body: { id: (await company(context)).id },
  }),
  "DELETE /contacts/:contact_id/companies/:company_id": withCompany,
  "GET /segments/:segment_id": async ({ gh, tenant, url }) => {
    const segment = await createSegment(gh.services, tenant.workspace.id, {
      name: `Sample ${unique()}`,
      query: { field: "role", operator: "=", value: "user" },
    });
    return { url: url.replace(":segment_id", segment.id) };
  },
};
