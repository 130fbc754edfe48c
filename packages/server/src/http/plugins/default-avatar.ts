import zlib from "node:zlib";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";

/** Where the default avatar is served: `/me` names it, at the public origin, for an admin with no photo. */
export const DEFAULT_AVATAR_PATH = "/assets/default-avatar.png";

const SIZE = 128;

/**
 * Intercom answers an avatar URL even for an admin with no photo (its default avatar), and clients such
 * as passport-intercom build their profile's `photos` from it. Gatehouse's: a grey silhouette, a head
 * over shoulders on a light ground, drawn once at start-up as a 128×128 PNG (8-bit greyscale).
 */
function drawAvatar(): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < SIZE; y++) {
    const row = Buffer.alloc(SIZE + 1); // filter byte 0 (none), then one byte per pixel
    for (let x = 0; x < SIZE; x++) {
      const head = (x - 64) ** 2 + (y - 50) ** 2 <= 24 ** 2;
      const shoulders = y >= 84 && (x - 64) ** 2 / 44 ** 2 + (y - 128) ** 2 / 42 ** 2 <= 1;
      row[x + 1] = head || shoulders ? 0xa8 : 0xe4;
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header.set([8, 0, 0, 0, 0], 8); // bit depth 8, greyscale, deflate, no filter method, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", zlib.deflateSync(Buffer.concat(rows))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

const PNG = drawAvatar();

export async function defaultAvatarRoutes(app: FastifyInstance) {
  app.get(
    DEFAULT_AVATAR_PATH,
    {
      schema: {
        querystring: Type.Object({}),
        response: { 200: Type.String({ contentMediaType: "image/png" }) },
      },
    },
    async (_request, reply) =>
      reply.type("image/png").header("Cache-Control", "public, max-age=86400").send(PNG),
  );
}
