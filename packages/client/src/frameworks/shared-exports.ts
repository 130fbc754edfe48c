/** What both framework adapters export beside their own pieces: the verifier and the principal's type. */
export {
  type AdapterOptions,
  type GatehousePrincipal,
  ResourceServer,
  type ResourceServerOptions,
  tokenDigest,
} from "../resource-server.ts";
