import { bearer, expectAnswer, MAIN, type Scenario } from "./scenario.ts";

/** Gatehouse's cheapest route: no token, no I/O; what every request pays and nothing more. */
export const healthz: Scenario = {
  name: "healthz",
  label: "GET /healthz (no auth)",
  instance: MAIN,
  prepare: (instance) =>
    expectAnswer(
      instance.base,
      { method: "GET", path: "/healthz", headers: {}, expect: 200 },
      "GET /healthz",
    ),
};

/** The token check on a cache hit, and the smallest API answer. */
export const me: Scenario = {
  name: "me",
  label: "GET /me (valid token)",
  target: 0.8,
  instance: MAIN,
  prepare: (instance) =>
    expectAnswer(
      instance.base,
      { method: "GET", path: "/me", headers: bearer(instance.demo.token), expect: 200 },
      "GET /me",
      (body) => (JSON.parse(body) as { type?: string }).type === "admin",
    ),
};

const CONTACTS = 10;

/** A list of ten contacts: a real resource read, presented through its schema (issue 12's before and after). */
export const contacts: Scenario = {
  name: "contacts",
  label: `GET /contacts (${CONTACTS} contacts)`,
  instance: MAIN,
  async prepare(instance) {
    const headers = bearer(instance.demo.token);
    for (let i = 0; i < CONTACTS; i++) {
      const response = await fetch(`${instance.base}/contacts`, {
        method: "POST",
        headers: { ...headers, "content-type": "application/json" },
        body: JSON.stringify({ role: "user", email: `bench-${i}@example.com`, name: `Bench Contact ${i}` }),
      });
      if (!response.ok)
        throw new Error(`POST /contacts answered ${response.status} ${await response.text()}`);
    }
    return expectAnswer(
      instance.base,
      { method: "GET", path: "/contacts", headers, expect: 200 },
      "GET /contacts",
      (body) => (JSON.parse(body) as { data?: unknown[] }).data?.length === CONTACTS,
    );
  },
};
