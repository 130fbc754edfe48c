export { Client, type ClientOptions, waitBeforeRetry } from "./client.ts";
export {
  type ApiErrorEntry,
  GatehouseApiError,
  OAuthExchangeError,
  StateMismatchError,
  UnverifiedEmailError,
} from "./errors.ts";
export {
  type Authorization,
  type Connection,
  OAuthHelper,
  type OAuthOptions,
  type PendingAuthorization,
} from "./oauth.ts";
export type { PageOptions } from "./resources/shared.ts";
export type * from "./wire/index.ts";
