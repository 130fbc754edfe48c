import pinoPretty from "pino-pretty";

/** How `npm start` writes its log: JSON lines for operators' collectors, or readable lines for a person. */
export type LogFormat = "json" | "pretty";

/**
 * JSON lines unless a person is watching: stdout is a terminal (LOG_FORMAT=json or pretty overrides,
 * e.g. to keep JSON in a terminal, or to see the readable form through a pipe).
 */
export function chooseLogFormat(requested: string | undefined, isTTY: boolean | undefined): LogFormat {
  const wanted = requested?.trim().toLowerCase();
  if (wanted === "json" || wanted === "pretty") return wanted;
  return isTTY === true ? "pretty" : "json";
}

interface LogLine {
  msg?: string;
  request_id?: string;
  req?: { method?: string; url?: string };
  res?: { statusCode?: number };
  responseTime?: number;
  [key: string]: unknown;
}

/** A pino destination for a terminal that holds what is logged until the banner is out (`release`). */
export interface TerminalLog {
  write(line: string): void;
  release(): void;
}

/**
 * Readable and quiet: one line per request (`GET /me 200 4 ms`) instead of fastify's two JSON lines,
 * no "Server listening" (the banner says where), and nothing before the banner: the first thing a
 * newcomer reads is how to use Gatehouse. Everything else (warnings, errors) is pino-pretty's rendering.
 */
export function terminalLog(output: NodeJS.WritableStream & { isTTY?: boolean }): TerminalLog {
  const pretty = pinoPretty({
    destination: output,
    sync: true,
    colorize: output.isTTY === true,
    translateTime: "SYS:HH:MM:ss",
    ignore: "pid,hostname,request_id,reqId,req,res,responseTime",
    singleLine: true,
  });
  const started = new Map<string, string>();
  let held: string[] | undefined = [];
  const emit = (line: string) => {
    const rendered = rewrite(line, started);
    if (rendered !== undefined) pretty.write(rendered);
  };
  return {
    write(line: string) {
      if (held) held.push(line);
      else emit(line);
    },
    release() {
      const lines = held ?? [];
      held = undefined;
      for (const line of lines) emit(line);
    },
  };
}

/** One request's two lines made one; undefined for a line not worth a person's attention. */
function rewrite(line: string, started: Map<string, string>): string | undefined {
  let parsed: LogLine;
  try {
    parsed = JSON.parse(line) as LogLine;
  } catch {
    return line;
  }
  const id = parsed.request_id;
  if (parsed.msg === "incoming request" && id) {
    // Bounded: a request that never completes (a dropped socket) must not grow this for ever.
    if (started.size > 10_000) started.clear();
    started.set(id, `${parsed.req?.method ?? "?"} ${parsed.req?.url ?? "?"}`);
    return undefined;
  }
  if (parsed.msg === "request completed" && id) {
    const request = started.get(id) ?? "request";
    started.delete(id);
    const ms = Math.round(parsed.responseTime ?? 0);
    return `${JSON.stringify({ ...parsed, msg: `${request} ${parsed.res?.statusCode ?? "?"} ${ms} ms` })}\n`;
  }
  if (typeof parsed.msg === "string" && parsed.msg.startsWith("Server listening at")) return undefined;
  return line;
}
