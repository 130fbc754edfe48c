import { type TSchema, Type } from "typebox";
import { Value } from "typebox/value";
import { errors } from "../../core/errors.ts";
import { decisiveFailure, failureError } from "../../core/schema-errors.ts";
import { type Services, write } from "../../core/services.ts";
import { type Actor, recordAppActivity } from "../services/audit.ts";
import { AppDescription, AppIconUrl } from "./app-input.ts";

/** An app's public face (migration 0030): shown in the hub and on the consent page. */
export interface AppProfile {
  description: string | null;
  iconUrl: string | null;
}

/**
 * Trimmed text its schema accepts, or null when blank (which clears the column). Checked as the one
 * field of an object, so the refusal names the field (`field`, for a form to show it beside) in words
 * (`label`).
 */
function checked(
  schema: TSchema,
  raw: string | null | undefined,
  field: string,
  label: string,
): string | null {
  const text = raw?.trim() ?? "";
  if (text === "") return null;
  const wrapped = Type.Object({ [field]: schema });
  if (!Value.Check(wrapped, { [field]: text })) {
    const first = decisiveFailure([...Value.Errors(wrapped, { [field]: text })]);
    throw failureError(first ?? { instancePath: `/${field}`, keyword: "invalid" }, () => label);
  }
  return text;
}

/** What the app does: at most 280 characters, no control characters, trimmed; blank clears it. */
export function checkDescription(raw: string | null | undefined): string | null {
  return checked(AppDescription, raw, "description", "The description");
}

/**
 * The icon's address: absolute https only (so never `javascript:` or `data:`, and never mixed content on
 * the pages that show it), no user name or password in it; blank clears it. Pages load it as an <img>,
 * which the CSP's `img-src https:` allows and which runs no script.
 */
export function checkIconUrl(raw: string | null | undefined): string | null {
  const text = checked(AppIconUrl, raw, "icon_url", "The icon URL");
  if (text === null) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw errors.parameterInvalid(
      "The icon URL must be an absolute URL, like https://example.com/icon.png",
      "icon_url",
    );
  }
  if (url.protocol !== "https:") throw errors.parameterInvalid("The icon URL must use HTTPS", "icon_url");
  if (url.username || url.password) {
    throw errors.parameterInvalid("The icon URL cannot carry a user name or password", "icon_url");
  }
  const normalised = url.toString();
  if (normalised.length > 2000)
    throw errors.parameterInvalid("The icon URL must be at most 2000 characters", "icon_url");
  return normalised;
}

/**
 * Sets the app's description and/or icon URL (a field left undefined keeps its value; blank clears it),
 * and records in the workspace's activity log what it changed, if anything: the hub's form sends both
 * fields every time, and an icon saved again as it was is no event.
 */
export async function setAppProfile(
  s: Services,
  appId: number,
  change: { description?: string | null | undefined; iconUrl?: string | null | undefined },
  actor?: Actor,
): Promise<AppProfile> {
  const description = change.description === undefined ? undefined : checkDescription(change.description);
  const iconUrl = change.iconUrl === undefined ? undefined : checkIconUrl(change.iconUrl);
  return write(s, async (trx, touched) => {
    const before = await trx
      .selectFrom("apps")
      .select(["description", "icon_url"])
      .where("id", "=", appId)
      .where("deleted_at", "is", null)
      .executeTakeFirst();
    if (!before) throw errors.notFound("App not found");
    const changed = {
      ...(description !== undefined && description !== before.description && { description }),
      ...(iconUrl !== undefined && iconUrl !== before.icon_url && { icon_url: iconUrl }),
    };
    if (Object.keys(changed).length === 0)
      return { description: before.description, iconUrl: before.icon_url };
    const row = await trx
      .updateTable("apps")
      .set({ ...changed, updated_at: s.now() })
      .where("id", "=", appId)
      .returning(["description", "icon_url"])
      .executeTakeFirstOrThrow();
    touched.add(`app:${appId}`);
    await recordAppActivity(s, trx, actor, appId, "app.profile_changed", changed);
    return { description: row.description, iconUrl: row.icon_url };
  });
}
