import {
  DEFAULT_VERSION,
  type IntercomVersion,
  parseVersion,
  VERSION_NAMES,
} from "../../core/api-versions.ts";
import { errors } from "../../core/errors.ts";
import { type Services, write } from "../../core/services.ts";
import { type Actor, recordAppActivity } from "../services/audit.ts";

/**
 * An app's default API version: what its requests speak when they send no `Intercom-Version` header,
 * as Intercom's Developer Hub sets it per app. The token check reads it from the principal, which is
 * cached; a change evicts the app's principals on every instance through the change feed.
 */

/**
 * The version an app's stored default names; a name this Gatehouse does not know (written by a newer
 * one, then rolled back) reads as the default rather than failing every request.
 */
export function storedVersion(value: string): IntercomVersion {
  return parseVersion(value) ?? DEFAULT_VERSION;
}

/** Sets the app's default version; a name that is not a version Gatehouse serves is refused. */
export async function setDefaultApiVersion(
  s: Services,
  appId: number,
  name: string,
  actor?: Actor,
): Promise<IntercomVersion> {
  const version = parseVersion(name);
  if (!version)
    throw errors.parameterInvalid(
      `'${name.slice(0, 40)}' is not an API version. Versions: ${VERSION_NAMES.join(", ")}.`,
      "api_version",
    );
  await write(s, async (trx, touched) => {
    const result = await trx
      .updateTable("apps")
      .set({ api_version: version, updated_at: s.now() })
      .where("id", "=", appId)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) throw errors.notFound("App not found");
    touched.add(`app:${appId}`);
    await recordAppActivity(s, trx, actor, appId, "app.api_version_changed", { api_version: version });
  });
  return version;
}
