import { type Static, Type } from "typebox";
import { Value } from "typebox/value";

const CatalogFile = Type.Object({
  groups: Type.Array(
    Type.Object({
      id: Type.String({ pattern: "^[a-z0-9_]+$" }),
      label: Type.String({ minLength: 1 }),
      tier: Type.Union([Type.Literal("standard"), Type.Literal("extended")]),
    }),
    { minItems: 1 },
  ),
  scopes: Type.Array(
    Type.Object({
      id: Type.String({ pattern: "^[a-z0-9_.:-]{1,100}$" }),
      group: Type.String(),
      label: Type.String({ minLength: 1 }),
      description: Type.String(),
      canvasKit: Type.Optional(Type.Boolean()),
    }),
    { minItems: 1 },
  ),
});

/** A catalog file's contents, once its shape has been checked. */
export type CatalogData = Static<typeof CatalogFile>;

/** The contents of a scope catalog file, refused with the first thing wrong in it. */
export function checkCatalogFile(data: unknown, source: string): CatalogData {
  if (!Value.Check(CatalogFile, data)) {
    const first = Value.Errors(CatalogFile, data)[0];
    throw new Error(
      `${source} is not a valid scope catalog: ${first?.instancePath || "/"} ${first?.message ?? ""}`,
    );
  }
  return data;
}
