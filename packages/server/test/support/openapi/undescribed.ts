/**
 * The routes Gatehouse serves that Intercom's 2.14 description does not describe, by name: their answers
 * are not checked against it. Any other route the tests call must be in the description (an answer from
 * an unknown path is checked as an error), so nothing is skipped silently.
 */
export interface UndescribedRoute {
  /** `METHOD /path/{param}`. */
  route: string;
  reason: string;
}

const OAUTH = "OAuth and its self-service endpoints: described by RFC 6749 / 7009 / 7662 / 8414, not by 2.14";
const OWN = "Gatehouse's own addition, beyond Intercom's API";

export const UNDESCRIBED: UndescribedRoute[] = [
  { route: "POST /auth/eagle/token", reason: OAUTH },
  { route: "POST /oauth", reason: OAUTH },
  { route: "POST /oauth/revoke", reason: OAUTH },
  { route: "POST /oauth/introspect", reason: OAUTH },
  { route: "POST /oauth/uninstall", reason: OAUTH },
  { route: "POST /auth/uninstall", reason: OAUTH },
  { route: "POST /oauth/report-leak", reason: OAUTH },
  { route: "GET /.well-known/oauth-authorization-server", reason: OAUTH },
  { route: "GET /users", reason: "Intercom's 1.x Users API (issue 13, item 9): 2.14 has no users" },
  { route: "POST /users", reason: "Intercom's 1.x Users API (issue 13, item 9): 2.14 has no users" },
  { route: "GET /users/{id}", reason: "Intercom's 1.x Users API (issue 13, item 9): 2.14 has no users" },
  { route: "DELETE /users/{id}", reason: "Intercom's 1.x Users API (issue 13, item 9): 2.14 has no users" },
  { route: "DELETE /users", reason: "Intercom's 1.x Users API (issue 13, item 9): 2.14 has no users" },
  { route: "GET /users/scroll", reason: "Intercom's 1.x Users API (issue 13, item 9): 2.14 has no users" },
  {
    route: "GET /counts",
    reason:
      "Intercom's counts API (documented up to 2.6; later descriptions dropped it, Intercom still answers)",
  },
  { route: "GET /content", reason: OWN },
  { route: "GET /canvas_kit/submissions", reason: OWN },
  { route: "POST /canvas_kit/submissions", reason: OWN },
  { route: "GET /canvas_kit/submissions/{submission_id}", reason: OWN },
  { route: "GET /data_connectors", reason: OWN },
  { route: "POST /data_connectors", reason: OWN },
  { route: "GET /data_connectors/{data_connector_id}", reason: OWN },
  { route: "PUT /data_connectors/{data_connector_id}", reason: OWN },
  { route: "DELETE /data_connectors/{data_connector_id}", reason: OWN },
];
