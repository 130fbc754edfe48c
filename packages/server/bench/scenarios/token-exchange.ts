import type { Load } from "../load.ts";
import { createOAuthClient, mintCodes } from "../seed.ts";
import { expectAnswer, MAIN, type Scenario } from "./scenario.ts";

/**
 * `POST /auth/eagle/token`: a code for a token, with today's durability (each exchange committed before
 * it is answered). Every request redeems its own code, minted before the run through the server's own
 * modules (as the consent page would issue it), never inside the measured time.
 */
export const tokenExchange: Scenario = {
  name: "token",
  label: "POST /auth/eagle/token (code for token)",
  target: 0.25,
  instance: MAIN,
  async prepare(instance) {
    const client = await createOAuthClient(instance.services, instance.demo);
    let codes: string[] = [];
    const form = (code: string) =>
      new URLSearchParams({
        grant_type: "authorization_code",
        code,
        client_id: client.clientId,
        client_secret: client.clientSecret,
      }).toString();
    const load: Load = {
      method: "POST",
      path: "/auth/eagle/token",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      expect: 200,
      next() {
        const code = codes.pop();
        return code === undefined ? undefined : { body: form(code) };
      },
      async beforeRun(seconds, rps) {
        // As many as the run could redeem, and some: a run that runs dry reports over the time it ran.
        codes = await mintCodes(instance.services, client, instance.demo, Math.ceil(rps * seconds) + 200);
      },
    };
    codes = await mintCodes(instance.services, client, instance.demo, 1);
    return expectAnswer(
      instance.base,
      load,
      "POST /auth/eagle/token",
      (body) => typeof (JSON.parse(body) as { access_token?: unknown }).access_token === "string",
    );
  },
};
