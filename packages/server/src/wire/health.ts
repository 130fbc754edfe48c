import { Type } from "typebox";

/** What `/healthz` and `/readyz` answer: `ok`, or (readyz, 503) `unavailable` when the database is away. */
export const HealthStatus = Type.Object({
  status: Type.Union([Type.Literal("ok"), Type.Literal("unavailable")]),
});
