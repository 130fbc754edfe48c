import { type FetchLike, inProcessOrNetwork } from "../in-process-fetch.ts";
import { checkAnswer } from "./check.ts";

/**
 * `fetch`, with every answer checked against Intercom's 2.14 description before the caller sees it: the
 * tests' API caller uses it, and clients (the official SDK, `@gatehouse/client`) are handed it as their
 * `fetch`, so whatever a test reads from the resource API has passed the check.
 */
export const validatingFetch: FetchLike = validating((input, init) => fetch(input, init));

/** `send`, with every answer checked as `validatingFetch` checks it (for a Gatehouse's in-process fetch). */
export function validating(send: FetchLike): FetchLike {
  return async (input, init) => {
    const response = await send(input, init);
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
  };
}

/** `validatingFetch`, answered in-process by a Gatehouse running in this process (`in-process-fetch.ts`). */
export const validatingInProcessFetch: FetchLike = validating(inProcessOrNetwork);
