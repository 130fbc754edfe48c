import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { test } from "node:test";
import { requestLoggerFactory } from "../src/http/plugins/request-logger.ts";
import { createLogger } from "../src/logging.ts";

function capture(level: string) {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger(level, destination), lines };
}

test("a request's logger writes what a pino child would, request id and redaction included, made only when it writes", async () => {
  const { logger, lines } = capture("warn");
  const requestLog = requestLoggerFactory(logger, { request_id: "r-1" }, {});
  requestLog.info({ token: "gat_secret" }, "below the level");
  requestLog.debug("below the level");
  requestLog.warn({ body: { token: "gat_secret" } }, "refused");
  requestLog.child({ part: "inner" }).error("inner failure");
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(lines.length, 2);
  assert.equal(lines[0]?.request_id, "r-1");
  assert.equal(lines[0]?.msg, "refused");
  assert.deepEqual(lines[0]?.body, { token: "[redacted]" });
  assert.equal(lines[1]?.request_id, "r-1");
  assert.equal(lines[1]?.part, "inner");
  assert.equal(requestLog.level, "warn");
});

test("a level the server's logger turns on later is written by requests that start after", async () => {
  const { logger, lines } = capture("warn");
  logger.level = "info";
  requestLoggerFactory(logger, { request_id: "r-2" }, {}).info("now written");
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(
    lines.map((l) => [l.request_id, l.msg]),
    [["r-2", "now written"]],
  );
});
