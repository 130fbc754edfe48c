import type { ApiError } from "../../core/errors.ts";

/** Intercom's error envelope. */
export interface ErrorList {
  type: "error.list";
  request_id: string;
  errors: Array<{ code: string; message: string; field?: string }>;
}

export function errorList(requestId: string, error: ApiError): ErrorList {
  return {
    type: "error.list",
    request_id: requestId,
    errors: [{ code: error.code, message: error.message, ...(error.field && { field: error.field }) }],
  };
}
