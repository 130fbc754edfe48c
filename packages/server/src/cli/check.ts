import type { Static, TSchema } from "typebox";
import { Value } from "typebox/value";
import { decisiveFailure, failureError } from "../core/schema-errors.ts";

/** `redirectUri` as the command line spells it: `--redirect-uri`. */
const flag = (field: string) => `--${field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/**
 * A command's options checked against the schema the pages' and the API's routes check the same
 * input with (app names, emails, redirect URLs, scopes…), so a value refused in one place is refused in
 * every other. The first failure is the command's error, naming its option: `--name must be at most
 * 255 characters`.
 */
export function checkInput<S extends TSchema>(schema: S, input: unknown): Static<S> {
  if (Value.Check(schema, input)) return input;
  const first = decisiveFailure([...Value.Errors(schema, input)]);
  throw failureError(first ?? { instancePath: "", keyword: "invalid", message: "is not valid" }, (field) =>
    flag(field),
  );
}
