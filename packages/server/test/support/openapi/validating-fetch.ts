import { checkAnswer } from "./check.ts";

/**
 * `fetch`, with every answer checked against Intercom's 2.14 description before the caller sees it: the
 * tests' API caller uses it, and clients (the official SDK, `@gatehouse/client`) are handed it as their
 * `fetch`, so whatever a test reads from the resource API has passed the check.
 */
export async function validatingFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const response = await fetch(input, init);
  const method = init?.method ?? (input instanceof Request ? input.method : "GET");
  const url = input instanceof Request ? input.url : String(input);
  checkAnswer({
    method,
    url,
    status: response.status,
    contentType: response.headers.get("content-type"),
    text: await response.clone().text(),
  });
  return response;
}
