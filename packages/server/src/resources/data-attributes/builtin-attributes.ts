import type { BuiltInAttributeView } from "../../wire/data-attribute.ts";

/**
 * The data attributes every workspace has without creating them: the standard fields of contacts,
 * companies and conversations, as `GET /data_attributes` lists them beside the custom ones.
 */
export type AttributeModel = BuiltInAttributeView["model"];

/** The wire's view of a built-in attribute is all there is to one. */
export type BuiltInAttribute = BuiltInAttributeView;

type Row = [
  fullName: string,
  label: string,
  type: BuiltInAttribute["data_type"],
  writable: "api" | "messenger" | "both" | "none",
  description: string,
];

function expand(model: AttributeModel, rows: Row[]): BuiltInAttribute[] {
  return rows.map(([fullName, label, type, writable, description]) => ({
    model,
    name: fullName.split(".").at(-1) ?? fullName,
    full_name: fullName,
    label,
    description,
    data_type: type,
    api_writable: writable === "api" || writable === "both",
    messenger_writable: writable === "messenger" || writable === "both",
  }));
}

// biome-ignore format: a table reads best one row a line, however long its description
const CONTACT: Row[] = [
  ["id", "ID", "string", "none", "The contact's identifier, given by Intercom"],
  ["external_id", "User ID", "string", "both", "Your own identifier for the contact"],
  ["role", "Role", "string", "api", "Whether the contact is a user or a lead"],
  ["name", "Name", "string", "both", "The contact's full name"],
  ["email", "Email", "string", "both", "The contact's email address"],
  ["email_domain", "Email domain", "string", "none", "The domain part of the contact's email address"],
  ["phone", "Phone", "string", "both", "The contact's phone number"],
  ["avatar", "Avatar", "string", "api", "The address of the contact's picture"],
  ["owner_id", "Owner", "integer", "api", "The teammate who owns the contact"],
  ["unsubscribed_from_emails", "Unsubscribed from emails", "boolean", "api", "Whether the contact opted out of email"],
  ["has_hard_bounced", "Has hard bounced", "boolean", "none", "Whether email to the contact bounced permanently"],
  ["marked_email_as_spam", "Marked email as spam", "boolean", "none", "Whether the contact reported an email as spam"],
  ["signed_up_at", "Signed up", "date", "both", "When the user signed up to your product"],
  ["last_seen_at", "Last seen", "date", "api", "When the contact was last active"],
  ["created_at", "First seen", "date", "none", "When the contact was added"],
  ["updated_at", "Updated at", "date", "none", "When the contact last changed"],
  ["last_replied_at", "Last replied", "date", "none", "When the contact last replied to a teammate"],
  ["last_contacted_at", "Last contacted", "date", "none", "When a teammate last wrote to the contact"],
  ["last_email_opened_at", "Last opened email", "date", "none", "When the contact last opened an email"],
  ["last_email_clicked_at", "Last clicked on link in email", "date", "none", "When the contact last followed a link in an email"],
  ["language_override", "Language override", "string", "none", "The language the Messenger uses for the contact"],
  ["browser", "Browser", "string", "none", "The browser the contact last used"],
  ["browser_version", "Browser version", "string", "none", "The version of that browser"],
  ["browser_language", "Browser language", "string", "none", "The language that browser is set to"],
  ["os", "OS", "string", "none", "The operating system the contact last used"],
  ["location.country", "Country", "string", "none", "The country the contact was last seen in"],
  ["location.region", "Region", "string", "none", "The region the contact was last seen in"],
  ["location.city", "City", "string", "none", "The city the contact was last seen in"],
];

// biome-ignore format: one row a line, as above
const COMPANY: Row[] = [
  ["id", "ID", "string", "messenger", "The company's identifier, given by Intercom"],
  ["company_id", "Company ID", "string", "messenger", "Your own identifier for the company"],
  ["name", "Company name", "string", "both", "What the company is called"],
  ["created_at", "Created at", "date", "messenger", "When the company was added"],
  ["updated_at", "Updated at", "date", "messenger", "When the company last changed"],
  ["remote_created_at", "Company created at", "date", "both", "When the company was created in your product"],
  ["last_request_at", "Company last seen", "date", "messenger", "When anyone from the company was last active"],
  ["user_count", "People", "integer", "messenger", "How many contacts belong to the company"],
  ["session_count", "Company web sessions", "integer", "messenger", "How many sessions the company's people had"],
  ["monthly_spend", "Monthly Spend", "float", "both", "The revenue the company brings each month"],
  ["size", "Company size", "integer", "both", "How many people the company employs"],
  ["industry", "Company industry", "string", "both", "The company's line of business"],
  ["website", "Company website", "string", "both", "The company's web address"],
  ["plan.id", "Plan ID", "string", "messenger", "The identifier of the company's plan"],
  ["plan.name", "Plan", "string", "messenger", "The plan the company is on"],
  ["app_id", "App ID", "string", "messenger", "The workspace the company belongs to"],
];

// biome-ignore format: one row a line, as above
const CONVERSATION: Row[] = [
  ["id", "ID", "string", "none", "The conversation's identifier"],
  ["title", "Title", "string", "api", "The conversation's title"],
  ["created_at", "Created at", "date", "none", "When the conversation started"],
  ["updated_at", "Updated at", "date", "none", "When the conversation last changed"],
  ["waiting_since", "Waiting since", "date", "none", "Since when the contact has been waiting for a reply"],
  ["snoozed_until", "Snoozed until", "date", "api", "When a snoozed conversation reopens"],
  ["open", "Open", "boolean", "api", "Whether the conversation is open"],
  ["state", "State", "string", "api", "Open, closed or snoozed"],
  ["read", "Read", "boolean", "none", "Whether the contact has read the last part"],
  ["priority", "Priority", "string", "api", "Whether the conversation is marked as priority"],
  ["admin_assignee_id", "Teammate assigned", "integer", "api", "The teammate the conversation is assigned to"],
  ["team_assignee_id", "Team assigned", "string", "api", "The team the conversation is assigned to"],
];

export const BUILT_IN_ATTRIBUTES: Readonly<Record<AttributeModel, readonly BuiltInAttribute[]>> = {
  contact: expand("contact", CONTACT),
  company: expand("company", COMPANY),
  conversation: expand("conversation", CONVERSATION),
};
