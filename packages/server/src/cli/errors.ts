import { CommanderError } from "commander";
import { ConfigError } from "../config.ts";
import { ApiError } from "../core/errors.ts";

/** A command's failure as a script reads it under --json: `{"error":{"code","message","field"?}}`. */
export interface CliFailure {
  code: string;
  message: string;
  field?: string;
}

/**
 * What went wrong, or nothing when there is nothing to say (help and version are "errors" to commander).
 * A usage mistake keeps commander's own wording, without its `error: ` prefix.
 */
export function describeError(error: unknown): CliFailure | undefined {
  if (error instanceof CommanderError) {
    if (error.exitCode === 0) return undefined;
    const message = error.message === "(outputHelp)" ? "a subcommand is required" : error.message;
    return { code: "usage_error", message: message.replace(/^error: /, "") };
  }
  if (error instanceof ApiError)
    return { code: error.code, message: error.message, ...(error.field && { field: error.field }) };
  if (error instanceof ConfigError) return { code: "configuration_invalid", message: error.message };
  return { code: "server_error", message: error instanceof Error ? error.message : String(error) };
}

export function jsonError(failure: CliFailure): { error: CliFailure } {
  return { error: failure };
}

/** Usage mistakes exit 2, as shells expect; every other failure 1. */
export function exitCode(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
  return 1;
}
