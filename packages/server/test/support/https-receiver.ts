import { execFileSync } from "node:child_process";
import fs from "node:fs";
import https from "node:https";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";

/** Why HTTPS receivers cannot be made here (no openssl to make their certificate), or undefined. */
export const OPENSSL_MISSING = (() => {
  try {
    execFileSync("openssl", ["version"], { stdio: "ignore" });
    return undefined;
  } catch {
    return "openssl is not installed (apt-get install -y openssl): the webhook receiver needs a certificate";
  }
})();

/** What an endpoint answers: a status, or a status with headers (a redirect's `location`, say). */
export type Answer = number | { status: number; headers: Record<string, string> };

export interface ReceivedRequest {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * A webhook endpoint as an app would run one: HTTPS on loopback with a self-signed certificate (its
 * `caFile` is what Gatehouse is told to trust). Each endpoint (`url(name)`) answers with the next
 * status queued for it by `answerNext`, else 200, and keeps what it received. Loopback is no webhook
 * destination unless the operator allows it: `env` is the settings a Gatehouse needs to deliver here.
 */
export class HttpsReceiver {
  readonly received: ReceivedRequest[] = [];
  readonly caFile: string;
  #server: https.Server;
  #queued = new Map<string, Answer[]>();
  #waiters: Array<() => void> = [];
  #directory: string;

  private constructor(server: https.Server, caFile: string, directory: string) {
    this.#server = server;
    this.caFile = caFile;
    this.#directory = directory;
  }

  static async start(): Promise<HttpsReceiver> {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), "gatehouse-receiver-"));
    const key = path.join(directory, "key.pem");
    const cert = path.join(directory, "cert.pem");
    execFileSync(
      "openssl",
      [
        ...["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"],
        ...["-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=127.0.0.1"],
        ...["-addext", "subjectAltName=IP:127.0.0.1"],
      ],
      { stdio: "ignore" },
    );
    let receiver: HttpsReceiver | undefined;
    const server = https.createServer(
      { key: fs.readFileSync(key), cert: fs.readFileSync(cert) },
      (request, response) => {
        const chunks: Buffer[] = [];
        request.on("data", (chunk: Buffer) => chunks.push(chunk));
        request.on("end", () => {
          const self = receiver as HttpsReceiver;
          self.received.push({
            path: request.url ?? "",
            headers: request.headers,
            body: Buffer.concat(chunks).toString("utf8"),
          });
          const answer = self.#queued.get(request.url ?? "")?.shift() ?? 200;
          if (typeof answer === "number") response.writeHead(answer).end();
          else response.writeHead(answer.status, answer.headers).end();
          for (const wake of self.#waiters.splice(0)) wake();
        });
      },
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    receiver = new HttpsReceiver(server, cert, directory);
    return receiver;
  }

  /** What a Gatehouse delivering here is started with: trust the certificate, allow loopback (only). */
  get env(): Record<string, string> {
    return {
      GATEHOUSE_WEBHOOK_CA_FILE: this.caFile,
      GATEHOUSE_WEBHOOK_ALLOW_PRIVATE: "127.0.0.1/32,::1/128",
    };
  }

  /** One endpoint of the receiver: each test gets its own, so no test reads another's deliveries. */
  url(name: string): string {
    return `https://127.0.0.1:${(this.#server.address() as AddressInfo).port}/hooks/${name}`;
  }

  /** What the endpoint `name` has received, in order. */
  at(name: string): ReceivedRequest[] {
    return this.received.filter((r) => r.path === `/hooks/${name}`);
  }

  /** The endpoint's next requests get these answers, in order. */
  answerNext(name: string, ...answers: Answer[]): void {
    const queue = this.#queued.get(`/hooks/${name}`) ?? [];
    queue.push(...answers);
    this.#queued.set(`/hooks/${name}`, queue);
  }

  /** Resolves with the endpoint's requests once there are `count`; rejects after `timeoutMs`. */
  async waitFor(name: string, count: number, timeoutMs = 15_000): Promise<ReceivedRequest[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.at(name).length < count) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`expected ${count} requests at ${name}, got ${this.at(name).length}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.at(name);
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise((resolve) => this.#server.close(resolve));
    fs.rmSync(this.#directory, { recursive: true, force: true });
  }
}
