import type { FastifyBaseLogger } from "fastify";
import type { Bindings, ChildLoggerOptions, Logger } from "pino";

type Level = "fatal" | "error" | "warn" | "info" | "debug" | "trace";
type Write = (...args: unknown[]) => void;

/**
 * Fastify's `childLoggerFactory`: each request's logger, made when the request first writes a line.
 *
 * Fastify gives every request a child of the server's logger carrying its request id, and pino builds
 * a child by serialising its bindings, through every redaction path, at once: for every request, though
 * at `warn` and above a request that goes well writes nothing. This stands in for the child and makes
 * it on the first line at a level the logger writes (or the first use of anything else), so the lines
 * are the same, request id and redaction included. At `info`, where every request is logged, the child
 * is made as before, without the empty options Fastify passes (which put pino on its slow path).
 */
export function requestLoggerFactory(
  logger: FastifyBaseLogger,
  bindings: Bindings,
  options: ChildLoggerOptions,
): FastifyBaseLogger {
  const plain = Object.keys(options).length === 0;
  const parent = logger as FastifyBaseLogger & Partial<Pick<Logger, "isLevelEnabled">>;
  // A route's own level or serialisers, or a logger that cannot say what it writes: made as Fastify would.
  if (!plain || typeof parent.isLevelEnabled !== "function") return logger.child(bindings, options);
  return new RequestLogger(
    parent as FastifyBaseLogger & Pick<Logger, "isLevelEnabled">,
    bindings,
  ) as unknown as FastifyBaseLogger;
}

class RequestLogger {
  readonly #parent: FastifyBaseLogger & Pick<Logger, "isLevelEnabled">;
  readonly #bindings: Bindings;
  #child: FastifyBaseLogger | undefined;

  constructor(parent: FastifyBaseLogger & Pick<Logger, "isLevelEnabled">, bindings: Bindings) {
    this.#parent = parent;
    this.#bindings = bindings;
  }

  #logger(): FastifyBaseLogger {
    this.#child ??= this.#parent.child(this.#bindings);
    return this.#child;
  }

  #write(level: Level, args: unknown[]): void {
    // The parent's level is the child's: a child made with no options inherits it.
    if (this.#child === undefined && !this.#parent.isLevelEnabled(level)) return;
    (this.#logger()[level] as Write)(...args);
  }

  get level(): string {
    return this.#child?.level ?? this.#parent.level;
  }
  set level(level: string) {
    this.#logger().level = level;
  }
  fatal(...args: unknown[]) {
    this.#write("fatal", args);
  }
  error(...args: unknown[]) {
    this.#write("error", args);
  }
  warn(...args: unknown[]) {
    this.#write("warn", args);
  }
  info(...args: unknown[]) {
    this.#write("info", args);
  }
  debug(...args: unknown[]) {
    this.#write("debug", args);
  }
  trace(...args: unknown[]) {
    this.#write("trace", args);
  }
  silent() {}
  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.#logger().child(bindings, options);
  }
}
