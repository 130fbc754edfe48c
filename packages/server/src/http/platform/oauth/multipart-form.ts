import { Busboy } from "@fastify/busboy";
import type { FastifyInstance } from "fastify";
import { OAuthError } from "../../../platform/apps/oauth/oauth-error.ts";

/**
 * The whole body, the most fields and the longest field the token endpoint reads from a multipart
 * form: its six fields, each at most 4 KiB, with room for the boundaries between them.
 */
const LIMITS = { bodyBytes: 32 * 1024, fields: 8, fieldBytes: 4096, fieldNameBytes: 32 } as const;

/**
 * `multipart/form-data` bodies, as PHP's curl sends an array of fields: read into the same flat object a
 * urlencoded form gives, for this context only (the token endpoint). The body is read whole first, within
 * a small limit, so no stream is left half-parsed; then every part must be a plain text field, named
 * once, within the limits. A file, a part too many, a long name or value, a duplicate: `invalid_request`.
 */
export function acceptMultipartForms(app: FastifyInstance): void {
  app.addContentTypeParser(
    "multipart/form-data",
    { parseAs: "buffer", bodyLimit: LIMITS.bodyBytes },
    (request, body, done) => {
      parseMultipart(request.headers["content-type"] ?? "", body as Buffer).then(
        (fields) => done(null, fields),
        (error: Error) => done(error),
      );
    },
  );
}

function refuse(why: string): OAuthError {
  return new OAuthError("invalid_request", `The multipart form could not be read: ${why}`);
}

function parseMultipart(contentType: string, body: Buffer): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    const fields = new Map<string, string>();
    let failure: OAuthError | undefined;
    const fail = (why: string) => {
      failure ??= refuse(why);
    };
    let parser: ReturnType<typeof Busboy>;
    try {
      parser = Busboy({
        headers: { "content-type": contentType },
        limits: {
          fieldNameSize: LIMITS.fieldNameBytes,
          fieldSize: LIMITS.fieldBytes,
          fields: LIMITS.fields,
          parts: LIMITS.fields,
          files: 0,
          headerPairs: 4,
          headerSize: 1024,
        },
      });
    } catch {
      reject(refuse("its boundary is missing"));
      return;
    }
    parser.on("field", (name: string, value: string, nameTruncated: boolean, valueTruncated: boolean) => {
      // busboy applies fieldNameSize to urlencoded forms only: a multipart part's name is checked here.
      if (nameTruncated || name.length > LIMITS.fieldNameBytes) return fail("a field's name is too long");
      if (valueTruncated) return fail(`a field is longer than ${LIMITS.fieldBytes} bytes`);
      if (fields.has(name)) return fail(`${name.slice(0, 32)} is sent more than once`);
      fields.set(name, value);
    });
    parser.on("filesLimit", () => fail("it carries a file; send text fields only"));
    parser.on("fieldsLimit", () => fail(`it has more than ${LIMITS.fields} fields`));
    parser.on("partsLimit", () => fail(`it has more than ${LIMITS.fields} parts`));
    // An error may come instead of `finish` (a body cut short): either settles the answer, once.
    parser.on("error", () => reject(failure ?? refuse("it is malformed")));
    parser.on("finish", () => {
      if (failure) reject(failure);
      // A Map's entries become own properties: a field named __proto__ is just a field, then dropped.
      else resolve(Object.fromEntries(fields));
    });
    try {
      parser.end(body);
    } catch {
      reject(refuse("it is malformed"));
    }
  });
}
