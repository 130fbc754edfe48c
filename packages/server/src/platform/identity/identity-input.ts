import { Type } from "typebox";
import { SINGLE_LINE } from "../../core/schema-errors.ts";
import { MAX_PASSWORD_LENGTH } from "./passwords.ts";

/**
 * What a person types about workspaces and admins, checked by one schema wherever it is typed: the
 * pages (sign-in, settings) and the `gatehouse workspace` and `admin` commands. The domain keeps what a
 * schema cannot say (an email's shape after trimming, a known time zone).
 */
export const Email = Type.String({ maxLength: 320, description: "an admin's sign-in email" });

export const WorkspaceIdCode = Type.String({ maxLength: 50, pattern: SINGLE_LINE });

export const WorkspaceName = Type.String({ maxLength: 255, pattern: SINGLE_LINE });

export const AdminName = Type.String({ maxLength: 255, pattern: SINGLE_LINE });

export const Password = Type.String({ maxLength: MAX_PASSWORD_LENGTH });

export const MemberRole = Type.Enum(["owner", "admin"]);
