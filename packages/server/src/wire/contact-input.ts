import { Type } from "typebox";

/** A contact's id in a path: Intercom's 24 hexadecimal characters. */
export const ContactParams = Type.Object({ contact_id: Type.String({ pattern: "^[0-9a-f]{24}$" }) });
