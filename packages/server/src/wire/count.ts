import { Type } from "typebox";

/**
 * Intercom's counts (`GET /counts`, 2.14's `count_summary` and the older `?type=&count=` breakdowns):
 * the workspace's totals, or one breakdown of them. A breakdown lists named counts as one-key objects
 * (`[{"VIP": 3}, …]`), so those objects are open: their keys are the workspace's tag and segment names.
 */

const Total = Type.Object({ count: Type.Integer({ minimum: 0 }) });
const Named = Type.Array(Type.Record(Type.String(), Type.Integer({ minimum: 0 })));
/** A company's contacts: `{"<company name>": 3, "remote_company_id": "…"}`. */
const CompanyUsers = Type.Array(Type.Record(Type.String(), Type.Union([Type.Integer(), Type.String()])));

export const CountHash = Type.Object({
  type: Type.Literal("count.hash"),
  company: Total,
  user: Total,
  lead: Total,
  tag: Total,
  segment: Total,
});

export const CountBreakdown = Type.Object({
  type: Type.Literal("count"),
  company: Type.Optional(
    Type.Object({
      count: Type.Optional(Type.Integer({ minimum: 0 })),
      tag: Type.Optional(Named),
      segment: Type.Optional(Named),
      user: Type.Optional(CompanyUsers),
    }),
  ),
  user: Type.Optional(
    Type.Object({
      count: Type.Optional(Type.Integer({ minimum: 0 })),
      tag: Type.Optional(Named),
      segment: Type.Optional(Named),
    }),
  ),
});

export const Counts = Type.Union([CountHash, CountBreakdown]);

/**
 * `?type=&count=`: what to break the totals down by. Which pairs go together is the route's rule (a
 * user has no count of users).
 */
export const CountsQuery = Type.Object({
  type: Type.Optional(Type.Union([Type.Literal("company"), Type.Literal("user")])),
  count: Type.Optional(Type.Union([Type.Literal("tag"), Type.Literal("segment"), Type.Literal("user")])),
});
