import net from "node:net";

/**
 * A raw HTTP/1.1 client for the hostile suite. Node's own client refuses to send what an attacker sends
 * (control characters and unescaped bytes in the request target, two Host or Authorization headers, a
 * CR in a header value, a Content-Length that lies), so requests are written to the socket byte for
 * byte and the answer is read back with a minimal response parser. One keep-alive connection carries
 * the requests of a sequential run; a request marked `fresh` gets a connection of its own, for the
 * requests whose bytes could leave the shared one out of step (a body longer than its Content-Length).
 */
export interface WireRequest {
  method: string;
  /** The request target as sent: each character is one byte (so U+0080–U+00FF are raw bytes). */
  target: string;
  /** Header lines in order, duplicates allowed; names and values are byte strings as above. */
  headers: Array<[string, string]>;
  body?: Buffer;
  /** Send no Host header at all (by default one naming the server is added when none is given). */
  omitHost?: boolean;
  /** Send no Content-Length (by default one is added for a body when none is given). */
  omitLength?: boolean;
  /** Use a connection of its own, closed after the answer. */
  fresh?: boolean;
}

export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Node's limit on a request head: beyond it the server answers 431 and drops the connection. */
export const MAX_HEAD_BYTES = 16 * 1024;

export class Wire {
  readonly host: string;
  readonly port: number;
  #socket: Connection | undefined;

  constructor(base: string) {
    const url = new URL(base);
    this.host = url.hostname;
    this.port = Number(url.port);
  }

  /**
   * Sends one request and reads its answer. When the server closed a reused connection before
   * answering (allowed after an early answer to a body it did not read, such as a 413), the request is
   * sent once more on a fresh connection: that is the client's race, not a server failure.
   */
  async send(request: WireRequest): Promise<WireResponse> {
    const bytes = encodeRequest(request, `${this.host}:${this.port}`);
    if (request.fresh) return this.#once(bytes, request.method);
    const reused = this.#socket !== undefined && !this.#socket.closed;
    try {
      this.#socket = reused ? this.#socket : await Connection.open(this.host, this.port);
      return await (this.#socket as Connection).exchange(bytes, request.method);
    } catch (error) {
      this.#socket?.destroy();
      this.#socket = undefined;
      // A head over Node's limit is refused with 431 and the connection dropped, sometimes before the
      // client reads the refusal: the refusal is the right answer.
      if (headBytes(bytes) > MAX_HEAD_BYTES) return { status: 431, headers: {}, body: "" };
      if (!reused || !isReset(error)) throw error;
      return this.#once(bytes, request.method);
    }
  }

  async #once(bytes: Buffer, method: string): Promise<WireResponse> {
    const connection = await Connection.open(this.host, this.port);
    try {
      return await connection.exchange(bytes, method);
    } catch (error) {
      if (headBytes(bytes) > MAX_HEAD_BYTES) return { status: 431, headers: {}, body: "" };
      throw error;
    } finally {
      connection.destroy();
    }
  }

  close(): void {
    this.#socket?.destroy();
    this.#socket = undefined;
  }
}

function isReset(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === "ECONNRESET" || code === "EPIPE" || code === "ECLOSED";
}

function headBytes(bytes: Buffer): number {
  const end = bytes.indexOf("\r\n\r\n");
  return end < 0 ? bytes.length : end;
}

export function encodeRequest(request: WireRequest, defaultHost: string): Buffer {
  const headers = [...request.headers];
  const has = (name: string) => headers.some(([n]) => n.toLowerCase() === name);
  if (!request.omitHost && !has("host")) headers.unshift(["Host", defaultHost]);
  if (request.body && !request.omitLength && !has("content-length") && !has("transfer-encoding")) {
    headers.push(["Content-Length", String(request.body.length)]);
  }
  const head = `${request.method} ${request.target} HTTP/1.1\r\n${headers
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join("")}\r\n`;
  const headBuffer = Buffer.from(head, "latin1");
  return request.body ? Buffer.concat([headBuffer, request.body]) : headBuffer;
}

const TIMEOUT_MS = 15_000;

/** One TCP connection, one request in flight at a time. */
class Connection {
  readonly #socket: net.Socket;
  #closed = false;

  private constructor(socket: net.Socket) {
    this.#socket = socket;
    socket.on("close", () => {
      this.#closed = true;
    });
    // Errors are reported through `exchange`; an idle connection's reset is only noted.
    socket.on("error", () => {
      this.#closed = true;
    });
  }

  static open(host: string, port: number): Promise<Connection> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host, port });
      socket.setNoDelay(true);
      socket.once("connect", () => {
        socket.removeListener("error", reject);
        resolve(new Connection(socket));
      });
      socket.once("error", reject);
    });
  }

  get closed(): boolean {
    return this.#closed;
  }

  destroy(): void {
    this.#closed = true;
    this.#socket.destroy();
  }

  exchange(bytes: Buffer, method: string): Promise<WireResponse> {
    const socket = this.#socket;
    return new Promise((resolve, reject) => {
      const parser = new ResponseParser(method === "HEAD");
      const cleanup = () => {
        clearTimeout(timer);
        socket.removeListener("data", onData);
        socket.removeListener("end", onEnd);
        socket.removeListener("close", onEnd);
        socket.removeListener("error", onError);
      };
      const finish = (response: WireResponse) => {
        cleanup();
        if (parser.mustClose) this.destroy();
        resolve(response);
      };
      const onData = (chunk: Buffer) => {
        const response = parser.push(chunk);
        if (response) finish(response);
      };
      // The server may answer and close without a length (or after an early refusal): what arrived is
      // the answer if its head did.
      const onEnd = () => {
        const response = parser.end();
        if (response) return finish(response);
        cleanup();
        this.destroy();
        reject(Object.assign(new Error("connection closed before an answer"), { code: "ECLOSED" }));
      };
      const onError = (error: Error) => {
        const response = parser.end();
        if (response) return finish(response);
        cleanup();
        this.destroy();
        reject(error);
      };
      const timer = setTimeout(() => {
        cleanup();
        this.destroy();
        reject(new Error(`no answer within ${TIMEOUT_MS} ms`));
      }, TIMEOUT_MS);
      socket.on("data", onData);
      socket.once("end", onEnd);
      socket.once("close", onEnd);
      socket.once("error", onError);
      if (this.#closed) return onEnd();
      socket.write(bytes, (error) => {
        // A server that refuses a request early may close before it has read all of it; the answer
        // may still arrive, so a failed write is left to the read side.
        if (error) socket.end();
      });
    });
  }
}

/** Reads one HTTP/1.1 response: its head, then a body by Content-Length, by chunks, or to the close. */
class ResponseParser {
  readonly #head: boolean;
  #buffer = Buffer.alloc(0);
  #status = 0;
  #headers: Record<string, string> | undefined;
  #bodyStart = 0;
  mustClose = false;

  constructor(headRequest: boolean) {
    this.#head = headRequest;
  }

  push(chunk: Buffer): WireResponse | undefined {
    this.#buffer = Buffer.concat([this.#buffer, chunk]);
    if (!this.#headers && !this.#readHead()) return undefined;
    return this.#complete();
  }

  /** The answer as far as it came, when the connection ends; undefined if not even its head arrived. */
  end(): WireResponse | undefined {
    if (!this.#headers && !this.#readHead()) return undefined;
    this.mustClose = true;
    return (
      this.#complete() ?? {
        status: this.#status,
        headers: this.#headers as Record<string, string>,
        body: this.#buffer.subarray(this.#bodyStart).toString(),
      }
    );
  }

  #readHead(): boolean {
    const end = this.#buffer.indexOf("\r\n\r\n");
    if (end < 0) return false;
    const lines = this.#buffer.subarray(0, end).toString("latin1").split("\r\n");
    this.#status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? "")?.[1] ?? 0);
    const headers: Record<string, string> = {};
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(":");
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
    }
    this.#headers = headers;
    this.#bodyStart = end + 4;
    if (/close/i.test(headers.connection ?? "")) this.mustClose = true;
    return true;
  }

  #complete(): WireResponse | undefined {
    const headers = this.#headers as Record<string, string>;
    const body = this.#buffer.subarray(this.#bodyStart);
    const done = (length: number): WireResponse => {
      if (body.length > length) this.mustClose = true; // bytes beyond the answer: out of step
      return { status: this.#status, headers, body: body.subarray(0, length).toString() };
    };
    if (this.#head || this.#status === 204 || this.#status === 304 || this.#status < 200) return done(0);
    if (/chunked/i.test(headers["transfer-encoding"] ?? "")) return this.#chunked(body);
    if (headers["content-length"] !== undefined) {
      const length = Number(headers["content-length"]);
      return body.length >= length ? done(length) : undefined;
    }
    this.mustClose = true;
    return undefined; // read to the close
  }

  #chunked(body: Buffer): WireResponse | undefined {
    const parts: Buffer[] = [];
    let at = 0;
    for (;;) {
      const lineEnd = body.indexOf("\r\n", at);
      if (lineEnd < 0) return undefined;
      const size = Number.parseInt(body.subarray(at, lineEnd).toString("latin1"), 16);
      if (Number.isNaN(size)) {
        this.mustClose = true;
        return { status: this.#status, headers: this.#headers ?? {}, body: Buffer.concat(parts).toString() };
      }
      if (size === 0) {
        // "0\r\n", any trailers, then an empty line.
        if (body.indexOf("\r\n\r\n", lineEnd) < 0) return undefined;
        return { status: this.#status, headers: this.#headers ?? {}, body: Buffer.concat(parts).toString() };
      }
      if (body.length < lineEnd + 2 + size + 2) return undefined;
      parts.push(body.subarray(lineEnd + 2, lineEnd + 2 + size));
      at = lineEnd + 2 + size + 2;
    }
  }
}
