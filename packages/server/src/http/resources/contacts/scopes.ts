/**
 * The scopes that open people data (contacts, and what hangs off a contact: its notes, subscriptions,
 * lifecycle, a visitor, a 1.x user). Intercom's tables name scopes for contacts only, so everything that
 * is a contact's opens as the contact does; one copy, so that they cannot drift apart.
 */

/** Reading one contact: any scope that reads users, even one user at a time. */
export const READ_CONTACT = ["read_users_companies", "read_write_users", "read_single_user_company"] as const;
/** Listing contacts: the scopes that read every user. */
export const LIST_CONTACTS = ["read_users_companies", "read_write_users"] as const;
/** Creating, changing and archiving contacts. */
export const WRITE_CONTACTS = ["write_users_companies", "read_write_users"] as const;
