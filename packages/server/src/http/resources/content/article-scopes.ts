/**
 * The articles scopes, which open everything of the help center: articles, internal articles (Intercom
 * names no scope of their own for them), collections and help centers. One copy, so they cannot drift.
 */

/** Reading: either articles scope ("Read and Write Articles" reads as well as writes, as its name says). */
export const READ_ARTICLES = ["read_articles", "write_articles"];
/** Writing: "Read and Write Articles". */
export const WRITE_ARTICLES = ["write_articles"];
