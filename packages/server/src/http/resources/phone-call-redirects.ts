import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { createPhoneCallRedirect, normalizePhone } from "../../resources/phone-call-redirects.ts";
import { publicOrigin } from "../plugins/public-origin.ts";

const PhoneSwitch = Type.Object({
  type: Type.Literal("phone_call_redirect"),
  phone: Type.String(),
  url: Type.String(),
});

/** `POST /phone_call_redirects`: Intercom's phone switch, with "Create phone call redirects". */
export async function phoneCallRedirectRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    "/phone_call_redirects",
    {
      schema: {
        body: Type.Object({
          phone: Type.String({ maxLength: 100 }),
          custom_attributes: Type.Optional(Type.Unknown()),
        }),
        // 400 carries either Intercom's invalid-number body or an error list, untouched.
        response: { 200: PhoneSwitch, 400: Type.Unknown() },
      },
      config: { scopes: ["create_phone_call_redirects"] },
    },
    async (request, reply) => {
      // Intercom answers a number it cannot use with this body, not an error list.
      if (!normalizePhone(request.body.phone))
        return reply.code(400).send({ error_key: "invalid_phone_number", message: "Invalid phone number" });
      const { redirect } = await createPhoneCallRedirect(
        app.services,
        request.principal.workspaceId,
        request.body,
      );
      return {
        type: "phone_call_redirect" as const,
        phone: redirect.phone,
        url: `${publicOrigin(request)}/msgr/${redirect.token}`,
      };
    },
  );
}
