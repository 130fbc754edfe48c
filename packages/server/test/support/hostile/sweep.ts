import { baseValue, buildFieldRequest, type FieldAttack } from "./fields.ts";
import { describe, included, KEEP_GOING, type Tally, verdict } from "./run.ts";
import type { HostileKind, JsonEncoding, UrlEncoding } from "./strings.ts";
import type { Target } from "./targets.ts";
import type { Wire } from "./wire.ts";
import type { HostileWorld } from "./world.ts";

/**
 * The systematic part of the field attacks: every field of every route and form gets one value of each
 * kind, each sent correctly encoded, percent-encoded once more, and in one of the broken encodings (in
 * turn), so no field is left to chance. The random part (`fields.ts`) then mixes and grafts.
 */
const REPRESENTATIVES: Array<{ kind: HostileKind; value: (base: string) => string }> = [
  { kind: "c0", value: (b) => `${b}\x01\x08\x1b\x7f` },
  { kind: "crlf", value: (b) => `${b}\r\nSet-Cookie: gh_session=planted` },
  { kind: "crlf", value: (b) => `${b}\x0b\x0c\u0085\u2028` },
  { kind: "c1", value: (b) => `${b}\x85\x9b\x9f` },
  { kind: "latin1", value: (b) => `${b}é\xa0ÿ` },
  { kind: "aboveFf", value: (b) => `${b}\u0130\u212a\ufeff\uff0f漢` },
  { kind: "rtl", value: (b) => `\u202e${b}` },
  { kind: "combining", value: (b) => `${b}e\u0301\u0336` },
  { kind: "astral", value: (b) => `${b}😀👨\u200d👩\u200d👧\u{10ffff}` },
  { kind: "loneSurrogate", value: (b) => `${b}\ud800` },
  { kind: "long", value: () => "A".repeat(65_536) },
  { kind: "long", value: (b) => b + "é".repeat(25_000) },
];

const BROKEN_URL: UrlEncoding[] = ["raw", "latin-1", "overlong"];
const BROKEN_JSON: JsonEncoding[] = ["escaped", "raw"];

/** Every (route, field, kind, encoding) the sweep sends, in a fixed order. */
export function sweepAttacks(targets: Target[]): FieldAttack[] {
  const attacks: FieldAttack[] = [];
  let turn = 0;
  for (const target of targets) {
    for (const field of target.fields) {
      const base = baseValue(target, field);
      const json = target.area === "api";
      for (const representative of REPRESENTATIVES) {
        const value = { kind: representative.kind, value: representative.value(base) };
        const broken = turn++;
        const encodings: Array<[UrlEncoding, JsonEncoding]> = [
          ["utf-8", "json"],
          ["double", "percent"],
          [BROKEN_URL[broken % 3] as UrlEncoding, BROKEN_JSON[broken % 2] as JsonEncoding],
        ];
        for (const [urlEncoding, jsonEncoding] of encodings) {
          attacks.push({ target, field, value, json, urlEncoding, jsonEncoding });
        }
      }
    }
  }
  return attacks;
}

/** Sends `attacks` one after another; the first failure stops the sweep, naming its request. */
export async function runSweep(
  world: HostileWorld,
  attacks: FieldAttack[],
  wire: Wire,
  tally: Tally,
): Promise<void> {
  if (!included("sweep")) return;
  const failures: string[] = [];
  for (const attack of attacks) {
    const fresh = attack.target.refresh ? await attack.target.refresh() : {};
    const sent = buildFieldRequest(world, attack, fresh, wire);
    const klass = sent.klass.replace(/^fields:/, "sweep:");
    tally.note(attack.value.kind);
    let why: string | undefined;
    let answer = "";
    let status: number | undefined;
    try {
      const response = await wire.send(sent.request);
      why = verdict(response) ?? sent.check?.(response);
      status = response.status;
      answer = `${response.status} ${response.body.slice(0, 300)}`;
    } catch (error) {
      why = (error as Error).message;
    }
    tally.count(klass, status, why !== undefined);
    if (why === undefined) continue;
    const field = JSON.stringify(attack.field);
    failures.push(
      `${why}: ${attack.target.key}, field ${field}, ${attack.value.kind} value, ${klass}\n${describe(sent.request)}\n  answer: ${answer}`,
    );
    if (!KEEP_GOING) break;
  }
  if (failures.length > 0) throw new Error(`sweep: ${failures.length} failures\n${failures.join("\n")}`);
}
