import type { WireRequest } from "./wire.ts";

/**
 * Request-line and framing tricks: the ways of request smuggling and of confusing a parser (chunked
 * bodies, lengths that disagree, upgrades, methods and targets no client sends). Each is sent on a
 * connection of its own.
 */
export const FRAMING_TRICKS = [
  "chunked",
  "bad chunk size",
  "length and chunked",
  "length too short",
  "negative length",
  "expect 100-continue",
  "expect garbage",
  "upgrade websocket",
  "upgrade h2c",
  "lower-case method",
  "unknown method",
  "TRACE",
  "HTTP/1.0 without Host",
  "asterisk target",
  "gzip body",
  "header without colon",
  "obs-fold",
] as const;

export type FramingTrick = (typeof FRAMING_TRICKS)[number];

function setHeader(request: WireRequest, name: string, value: string): void {
  request.headers = request.headers.filter(([n]) => n.toLowerCase() !== name.toLowerCase());
  request.headers.push([name, value]);
}

export function frame(request: WireRequest, trick: FramingTrick): void {
  const body = request.body ?? Buffer.from("{}");
  switch (trick) {
    case "chunked":
    case "bad chunk size":
    case "length and chunked": {
      const size = trick === "bad chunk size" ? "zz" : body.length.toString(16);
      request.body = Buffer.concat([Buffer.from(`${size}\r\n`), body, Buffer.from("\r\n0\r\n\r\n")]);
      setHeader(request, "Transfer-Encoding", "chunked");
      if (trick === "length and chunked") request.headers.push(["Content-Length", String(body.length)]);
      else request.omitLength = true;
      return;
    }
    case "length too short":
      request.body = Buffer.concat([body, Buffer.from("GET /admins HTTP/1.1\r\nHost: x\r\n\r\n")]);
      request.headers.push(["Content-Length", String(body.length)]);
      return;
    case "negative length":
      request.headers.push(["Content-Length", "-1"]);
      return;
    case "expect 100-continue":
      request.headers.push(["Expect", "100-continue"]);
      return;
    case "expect garbage":
      request.headers.push(["Expect", "teapot"]);
      return;
    case "upgrade websocket":
      request.headers.push(
        ["Connection", "Upgrade"],
        ["Upgrade", "websocket"],
        ["Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="],
        ["Sec-WebSocket-Version", "13"],
      );
      return;
    case "upgrade h2c":
      request.headers.push(
        ["Connection", "Upgrade, HTTP2-Settings"],
        ["Upgrade", "h2c"],
        ["HTTP2-Settings", "AAMAAABkAARAAAAAAAIAAAAA"],
      );
      return;
    case "lower-case method":
      request.method = request.method.toLowerCase();
      return;
    case "unknown method":
      request.method = "BREW";
      return;
    case "TRACE":
      request.method = "TRACE";
      return;
    case "HTTP/1.0 without Host":
      request.omitHost = true;
      request.target = `${request.target} HTTP/1.0\r\nX-Ignored:`;
      return;
    case "asterisk target":
      request.method = "OPTIONS";
      request.target = "*";
      return;
    case "gzip body":
      request.headers.push(["Content-Encoding", "gzip"]);
      return;
    case "header without colon":
      request.headers.push(["X-No-Colon\r\nBroken", "x"]);
      return;
    case "obs-fold":
      request.headers.push(["X-Folded", "first\r\n second"]);
      return;
  }
}
