/**
 * Intercom's webhook topics and the permission scopes behind them (Intercom's "Webhook topics" reference:
 * a topic is open to an app holding any one of its scopes). `ping` needs none: it is always subscribed.
 */
const PEOPLE = ["read_users_companies", "read_write_users", "read_single_user_company"];
const COMPANIES = ["read_users_companies", "read_single_user_company"];
const CONVERSATIONS = ["read_conversations"];
const TICKETS = ["read_tickets"];
const ADMINS = ["read_admins"];

const groups: Array<[string, string[], string[]]> = [
  [
    "Admins",
    ADMINS,
    [
      "admin.added_to_workspace",
      "admin.away_mode_updated",
      "admin.removed_from_workspace",
      "admin.logged_in",
      "admin.logged_out",
    ],
  ],
  [
    "Companies",
    COMPANIES,
    [
      "company.created",
      "company.updated",
      "company.deleted",
      "company.contact.attached",
      "company.contact.detached",
    ],
  ],
  [
    "Contacts",
    PEOPLE,
    [
      "contact.user.created",
      "contact.user.updated",
      "contact.lead.created",
      "contact.lead.updated",
      "contact.lead.signed_up",
      "contact.lead.added_email",
      "contact.email.updated",
      "contact.deleted",
      "contact.archived",
      "contact.unarchived",
      "contact.subscribed",
      "contact.unsubscribed",
      "contact.user.tag.created",
      "contact.user.tag.deleted",
      "contact.lead.tag.created",
      "contact.lead.tag.deleted",
    ],
  ],
  [
    "Conversations",
    CONVERSATIONS,
    [
      "conversation.user.created",
      "conversation.user.replied",
      "conversation.admin.replied",
      "conversation.admin.single.created",
      "conversation.admin.assigned",
      "conversation.admin.noted",
      "conversation.admin.closed",
      "conversation.admin.opened",
      "conversation.admin.snoozed",
      "conversation.admin.unsnoozed",
      "conversation.read",
      "conversation.deleted",
      "conversation_part.tag.created",
    ],
  ],
  ["Events", ["read_events"], ["event.created"]],
  [
    "Tickets",
    TICKETS,
    [
      "ticket.created",
      "ticket.state.updated",
      "ticket.admin.assigned",
      "ticket.attribute.updated",
      "ticket.contact.replied",
      "ticket.note.created",
      "ticket.closed",
    ],
  ],
];

export interface Topic {
  name: string;
  group: string;
  /** Any one of these lets an app subscribe; empty for `ping`. */
  scopes: readonly string[];
}

export const PING = "ping";

/**
 * The uninstall notice (`uninstall-notices.ts`): sent to the app's uninstall URL, not its subscription,
 * as Intercom's bare `{"app_id": …}`, and kept through the cancellations an uninstall makes.
 */
export const UNINSTALL = "uninstall";

export const TOPICS: ReadonlyMap<string, Topic> = new Map(
  groups.flatMap(([group, scopes, names]) =>
    names.map((name): [string, Topic] => [name, { name, group, scopes }]),
  ),
);

/** Topics in their groups, for the hub page. */
export function topicGroups(): Array<{ group: string; topics: Topic[] }> {
  return groups.map(([group, , names]) => ({
    group,
    topics: names.map((name) => TOPICS.get(name) as Topic),
  }));
}
