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

/** What the app does, in a sentence or two (hub, consent page): no control characters, not even newlines. */
export const AppDescription = Type.String({
  maxLength: 280,
  pattern: SINGLE_LINE,
  description: "what the app does, at most 280 characters",
});

/** The app's square icon: an absolute https URL (app-profile.ts checks the scheme); empty clears it. */
export const AppIconUrl = Type.String({
  maxLength: 2000,
  pattern: SINGLE_LINE,
  description: "an https URL of the app's icon",
});
