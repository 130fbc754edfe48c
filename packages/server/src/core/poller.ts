import type { Logger } from "pino";

/**
 * Runs `work` on a timer until stopped: the loop behind every queue a serving instance works (webhook
 * deliveries, jobs, content exports). `work` claims and handles up to `batch` items and says how many;
 * a full batch suggests more are due, so the next run starts at once, otherwise after `pollMs`.
 */
export class Poller {
  readonly #name: string;
  readonly #work: () => Promise<number>;
  readonly #pollMs: number;
  readonly #batch: number;
  readonly #logger: Logger;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #stopped = true;

  constructor(
    name: string,
    work: () => Promise<number>,
    options: { pollMs: number; batch: number; logger: Logger },
  ) {
    this.#name = name;
    this.#work = work;
    this.#pollMs = options.pollMs;
    this.#batch = options.batch;
    this.#logger = options.logger;
  }

  /** Whether a stop was asked for: work in hand may check it between items. */
  get stopping(): boolean {
    return this.#stopped;
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#schedule(0);
  }

  /** Waits for the run in hand, so nothing it was doing is left half-recorded. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running;
  }

  #schedule(delay: number): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.#running = this.#work()
        .catch((error: unknown) => {
          this.#logger.error({ err: error }, `${this.#name} failed`);
          return 0;
        })
        .then((handled) => {
          this.#running = undefined;
          this.#schedule(handled >= this.#batch ? 0 : this.#pollMs);
        });
    }, delay);
    this.#timer.unref();
  }
}

/** How long old records are kept, and how often each instance clears what is older. */
export interface RetentionSettings {
  retentionMs: number;
  purgeEveryMs: number;
}

/**
 * The poller of a retention purge: `purge(retentionMs)` clears up to `batch` records older than the
 * retention and says how many; every serving instance runs one (a record cleared twice is cleared once).
 */
export function retentionPurger(
  name: string,
  purge: (retentionMs: number) => Promise<number>,
  settings: RetentionSettings,
  { batch, logger }: { batch: number; logger: Logger },
): Poller {
  return new Poller(name, () => purge(settings.retentionMs), {
    pollMs: settings.purgeEveryMs,
    batch,
    logger,
  });
}
