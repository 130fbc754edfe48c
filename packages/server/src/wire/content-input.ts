import { Type } from "typebox";

/** What every help center and news input shares. */

/** An id in a body, as a number or its digits (Intercom's clients send either). */
export const IdInput = Type.Union([Type.Integer({ minimum: 0 }), Type.String({ pattern: "^[0-9]{1,15}$" })]);
