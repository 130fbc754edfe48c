import { Type } from "typebox";
import { SINGLE_LINE } from "../../core/schema-errors.ts";

/**
 * What a person types about an app, checked by one schema wherever it is typed: the hub's forms (as
 * their routes' body schemas) and the `gatehouse app` commands (through `checkInput`). The domain keeps
 * the rules a schema cannot say (a known scope, an HTTPS redirect, a name that is not blank).
 */
export const ClientId = Type.String({ maxLength: 100, description: "an app's client_id" });

export const AppName = Type.String({ maxLength: 255, pattern: SINGLE_LINE, description: "an app's name" });

/** Redirects match by exact string (RFC 9700 §4.1.3): one line, at most 2000 characters. */
export const RedirectUri = Type.String({ maxLength: 2000, pattern: SINGLE_LINE });

export const ScopeId = Type.String({ maxLength: 100, pattern: SINGLE_LINE });

export const ScopeIds = Type.Array(ScopeId, { maxItems: 200 });

/** Why an app needs its extended scopes, or why a reviewer rejected one: free text, lines allowed. */
export const ReviewText = Type.String({ maxLength: 1000 });

export const ReviewDecision = Type.Enum(["approved", "rejected"]);

export const ApiVersionName = Type.String({ maxLength: 100, pattern: SINGLE_LINE });
