import { type Static, type TProperties, Type } from "typebox";
import { Value } from "typebox/value";

/**
 * The schemas every page route shares. A page answers HTML, a form post a 303 back to a page; a
 * refusal is a page too (page-setup.ts renders a failed check as one, naming the field).
 */

/** A rendered page (text/html): sent as it is, never through a JSON serialiser. */
export const HtmlPage = Type.String({ description: "an HTML page" });

/** A redirect: the Location header is the answer, the body is empty. */
export const Redirect = Type.Null({ description: "a 303 to the page that shows the change" });

/** What a page answers: itself, or a redirect elsewhere (sign-in, or back after a change). */
export const PageAnswers = { 200: HtmlPage, 303: Redirect };

/** What a form post answers: a redirect; a refusal (4xx) is a page with its reason. */
export const PostAnswers = { 303: Redirect };

/** The CSRF token every form carries (csrf.ts: an HMAC, base64url); checked before the schema. */
const CsrfToken = Type.String({ maxLength: 200 });

/** A form (application/x-www-form-urlencoded): its CSRF token and its own fields. */
export function Form<T extends TProperties>(fields: T) {
  return Type.Object({ _csrf: CsrfToken, ...fields });
}

/** What a form's route receives, its fields typed by their schemas. */
export type FormBody<T extends TProperties> = Static<ReturnType<typeof Form<T>>>;

/**
 * The body of a route whose schema is `Form(fields)`, typed. Fastify has checked it against that schema
 * before the handler runs; only a route registered for any `fields` (the hub's `change`) needs this,
 * since a type provider cannot resolve a schema's type while its fields are still a type parameter.
 */
export function formBody<T extends TProperties>(
  request: { body: unknown },
  form: ReturnType<typeof Form<T>>,
): FormBody<T> {
  const body = request.body;
  // A second check of a small form (its schema built once, with the route), so the type comes from a
  // check, not from a cast.
  if (!Value.Check(form, body)) throw new Error("formBody: the body was not checked against its form");
  return body;
}

/** The query of a page that shows what a change did: `?notice=<key>` from notices.ts, nothing else. */
export const NoticeQuery = Type.Object({ notice: Type.Optional(Type.String({ maxLength: 100 })) });

/** A page with no query parameters. */
export const NoQuery = Type.Object({});
