export { Client, type ClientOptions, waitBeforeRetry } from "./client.ts";
export {
  type ApiErrorEntry,
  GatehouseApiError,
  OAuthExchangeError,
  StateMismatchError,
  UnverifiedEmailError,
} from "./errors.ts";
export { type Connection, OAuthHelper, type OAuthOptions } from "./oauth.ts";
export type { Admin, AdminList, Me, TokenResponse } from "./types.ts";
