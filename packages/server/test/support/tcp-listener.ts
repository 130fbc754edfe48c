import net from "node:net";
import type { ResolvedAddress, ResolveHost } from "../../src/platform/webhooks/destination-guard.ts";
import { systemResolver } from "../../src/platform/webhooks/destination-guard.ts";

/**
 * A raw TCP service on loopback (IPv4 and IPv6, one port), as a database or cache on the operator's
 * machine would be: it counts every connection it accepts, writes its banner and hangs up. What an
 * SSRF test asks of it is whether anything reached it at all.
 */
export class CountingListener {
  accepted = 0;
  readonly #server: net.Server;
  readonly #sockets = new Set<net.Socket>();

  private constructor(server: net.Server) {
    this.#server = server;
  }

  static async start(banner = "-ERR unknown command 'POST', with args beginning with: \r\n") {
    const server = net.createServer((socket) => {
      listener.accepted++;
      listener.#sockets.add(socket);
      socket.on("close", () => listener.#sockets.delete(socket));
      socket.on("error", () => {});
      socket.end(banner);
    });
    const listener = new CountingListener(server);
    // "::" without ipv6Only takes IPv4 too, so 127.0.0.1, ::1 and ::ffff:127.0.0.1 all land here.
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen({ port: 0, host: "::", ipv6Only: false }, resolve);
    });
    return listener;
  }

  get port(): number {
    return (this.#server.address() as net.AddressInfo).port;
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise((resolve) => this.#server.close(resolve));
  }
}

/** Every way to write loopback (and "this host") in an https URL's host, on the listener's port. */
export function loopbackSpellings(port: number): string[] {
  return [
    `https://127.0.0.1:${port}/hooks`,
    `https://2130706433:${port}/hooks`,
    `https://0177.0.0.1:${port}/hooks`,
    `https://0x7f.1:${port}/hooks`,
    `https://127.1:${port}/hooks`,
    `https://127.000.000.001:${port}/hooks`,
    `https://[::ffff:127.0.0.1]:${port}/hooks`,
    `https://[::1]:${port}/hooks`,
    `https://[0:0:0:0:0:0:0:1]:${port}/hooks`,
    `https://0.0.0.0:${port}/hooks`,
    `https://0:${port}/hooks`,
    `https://[::]:${port}/hooks`,
  ];
}

/**
 * A DNS that answers what a test scripted for a name, one answer a lookup (the last one repeats), and
 * asks the system for any other name: a rebinding attacker's name server, in-process.
 */
export class ScriptedDns {
  readonly #answers = new Map<string, Array<ResolvedAddress[] | "nxdomain">>();
  readonly lookups: string[] = [];

  script(name: string, ...answers: Array<string[] | "nxdomain">): void {
    this.#answers.set(
      name,
      answers.map((a) =>
        a === "nxdomain" ? a : a.map((address) => ({ address, family: net.isIP(address) })),
      ),
    );
  }

  readonly resolve: ResolveHost = async (hostname) => {
    const queue = this.#answers.get(hostname);
    if (!queue) return systemResolver(hostname);
    this.lookups.push(hostname);
    const answer = (queue.length > 1 ? queue.shift() : queue[0]) as ResolvedAddress[] | "nxdomain";
    if (answer === "nxdomain") {
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
    }
    return answer;
  };
}
