import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { createPhoneCallRedirect, normalizePhone } from "../../resources/phone-call-redirects.ts";
import { errorResponses } from "../../wire/common.ts";
import { PhoneSwitch, PhoneSwitchBody, PhoneSwitchRefusal } from "../../wire/phone-switch.ts";
import { forCaller } from "../api/for-caller.ts";
import { publicOrigin } from "../plugins/public-origin.ts";

/** `POST /phone_call_redirects`: Intercom's phone switch, with "Create phone call redirects". */
export async function phoneCallRedirectRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    "/phone_call_redirects",
    {
      schema: {
        body: PhoneSwitchBody,
        response: { 200: PhoneSwitch, ...errorResponses, 400: PhoneSwitchRefusal },
      },
      config: { scopes: ["create_phone_call_redirects"] },
    },
    async (request, reply) => {
      // Intercom answers a number it cannot use with this body, not an error list.
      if (!normalizePhone(request.body.phone))
        return reply.code(400).send({ error_key: "invalid_phone_number", message: "Invalid phone number" });
      const { redirect } = await forCaller(request, createPhoneCallRedirect, request.body);
      return {
        type: "phone_call_redirect" as const,
        phone: redirect.phone,
        url: `${publicOrigin(request)}/msgr/${redirect.token}`,
      };
    },
  );
}
