import { ApiError } from "../../core/errors.ts";

/**
 * How Intercom's API answers for each record it cannot find: the error code and message, which vary by
 * resource (a contact is a "User", most content is just a "Resource"). One table, so that a resource
 * names what is missing and its answer matches Intercom's.
 */
const MISSING = {
  Resource: ["not_found", "Resource Not Found"],
  User: ["not_found", "User Not Found"],
  Visitor: ["not_found", "Visitor Not Found"],
  Admin: ["admin_not_found", "Admin not found"],
  Assignee: ["assignee_not_found", "Assignee not found"],
  Company: ["company_not_found", "Company Not Found"],
  Team: ["team_not_found", "Team not found"],
  Ticket: ["ticket_not_found", "Ticket not found"],
  Conversation: ["not_found", "Conversation Not Found"],
  Tag: ["tag_not_found", "Tag not found"],
  Job: ["job_not_found", "Job Not Found"],
  "Conversation part": ["conversation_part_or_message_not_found", "Conversation part or message not found"],
  "Data attribute": ["field_not_found", "We couldn't find that data attribute to update"],
  "Canvas Kit submission": ["not_found", "Submission not found"],
  "Content import source": ["not_found", "Content import source not found"],
  "External page": ["not_found", "External page not found"],
  "Data connector": ["not_found", "Data connector not found"],
  "Export job": ["not_found", "Export job not found"],
  "Custom object instance": ["not_found", "Custom object instance not found"],
} as const satisfies Record<string, readonly [code: string, message: string]>;

/** A record Intercom's API has a not-found answer for. */
export type MissingRecord = keyof typeof MISSING;

/** The 404 for a record that is not there (or not the caller's): `notFound("Company")`. */
export function notFound(what: MissingRecord): ApiError {
  const [code, message] = MISSING[what];
  return new ApiError(404, code, message);
}
