import { vanTopic } from '../../core/topics.ts';
import type { Prng } from '../../firmware-sim/prng.ts';
import { temperatureBatch } from './mqtt-client.ts';

export interface FuzzMessage {
  kind: string;
  topic: string;
  payload: Buffer;
}

const pick = <T>(rng: Prng, items: readonly T[]): T => items[Math.floor(rng.next() * items.length)] as T;
const int = (rng: Prng, min: number, max: number) => Math.floor(rng.between(min, max + 1));

/** Printable characters, accents and CJK; never NUL, `+` or `#` (those are other tests' cases). */
const TOPIC_CHARS = 'abcXYZ019-_/$ .éü漢';
function randomTopic(rng: Prng): string {
  return Array.from({ length: int(rng, 1, 40) }, () => pick(rng, [...TOPIC_CHARS])).join('');
}

/** A JSON value of a wrong or extreme kind for a field. */
function oddValue(rng: Prng): unknown {
  return pick(rng, [
    null,
    'cold',
    '',
    true,
    [],
    {},
    -1,
    1e308,
    -1e308,
    2 ** 63,
    0.5,
    Number.MAX_SAFE_INTEGER + 2,
    '9'.repeat(400),
    { $gt: '' },
  ]);
}

function validBatch(rng: Prng, van: string): Record<string, unknown> {
  return temperatureBatch(van, int(rng, 1, 1_000_000), int(rng, 1, 5)) as unknown as Record<string, unknown>;
}

/** Changes one field, removes one, or adds an unknown one, at the top or in a reading. */
function mutate(rng: Prng, batch: Record<string, unknown>): Record<string, unknown> {
  const readings = batch.readings as Array<Record<string, unknown>>;
  const target = rng.chance(0.3)
    ? batch
    : (readings[int(rng, 0, readings.length - 1)] as Record<string, unknown>);
  const keys = Object.keys(target);
  const key = pick(rng, keys);
  const action = int(rng, 0, 3);
  if (action === 0) delete target[key];
  else if (action === 1) target[key] = oddValue(rng);
  else if (action === 2) target[`x${int(rng, 0, 9)}`] = oddValue(rng);
  // Too few or too many readings (1 to 5 000 allowed).
  else batch.readings = rng.chance(0.5) ? [] : Array.from({ length: 5_001 }, () => ({ ...readings[0] }));
  return batch;
}

function nested(depth: number, open: string, close: string): string {
  return open.repeat(depth) + close.repeat(depth);
}

/**
 * One hostile or broken message as a fuzzer van (`van`) would send it: random bytes,
 * truncated or mutated JSON, the wrong van, huge numbers, deep nesting, topics that are not
 * its own, `$SYS`, over-long or deep topics, oversize payloads. Seeded: the same `rng`
 * makes the same messages. Wildcard topics close the connection and are made elsewhere.
 */
export function fuzzMessage(rng: Prng, van: string, maxPayloadBytes: number): FuzzMessage {
  const own = vanTopic(van, pick(rng, ['telemetry', 'telemetry', 'telemetry', 'status', 'acks'] as const));
  const json = (value: unknown) => Buffer.from(JSON.stringify(value));
  switch (int(rng, 0, 11)) {
    case 0:
      return {
        kind: 'random-bytes',
        topic: own,
        payload: Buffer.from(Array.from({ length: int(rng, 0, 300) }, () => int(rng, 0, 255))),
      };
    case 1: {
      const text = JSON.stringify(validBatch(rng, van));
      return {
        kind: 'truncated',
        topic: own,
        payload: Buffer.from(text.slice(0, int(rng, 0, text.length - 1))),
      };
    }
    case 2:
    case 3:
    case 4:
      return { kind: 'mutated', topic: own, payload: json(mutate(rng, validBatch(rng, van))) };
    case 5:
      return { kind: 'wrong-van-payload', topic: own, payload: json(validBatch(rng, 'VAN-01')) };
    case 6:
      return {
        kind: 'deep-nesting',
        topic: own,
        payload: Buffer.from(
          rng.chance(0.5)
            ? nested(int(rng, 10, 200_000), '[', ']')
            : `{"v":1,"van":"${van}","readings":[${nested(int(rng, 10, 5_000), '{"a":', '}').replace(/\{"a":\}/, '{"a":1}')}]}`,
        ),
      };
    case 7:
      return {
        kind: 'other-van-topic',
        topic: vanTopic(pick(rng, ['VAN-01', 'VAN-02', 'VAN-99']), 'telemetry'),
        payload: json(validBatch(rng, 'VAN-01')),
      };
    case 8:
      return {
        kind: 'sys-topic',
        topic: pick(rng, ['$SYS/broker/uptime', '$SYS', `$SYS/${randomTopic(rng)}`, '$GIVRE/dropped']),
        payload: json(validBatch(rng, van)),
      };
    case 9:
      return {
        kind: 'odd-topic',
        topic: pick(rng, [
          `givre/v1/vans/${'X'.repeat(int(rng, 33, 20_000))}/telemetry`,
          Array.from({ length: int(rng, 6, 90) }, () => 'l').join('/'),
          vanTopic(van, 'alerts'),
          `${vanTopic(van, 'telemetry')}/extra`,
          randomTopic(rng),
        ]),
        payload: json(validBatch(rng, van)),
      };
    case 10:
      return {
        kind: 'oversize',
        topic: own,
        payload: Buffer.alloc(maxPayloadBytes + int(rng, 1, 4096), '{'),
      };
    default:
      return {
        kind: 'huge-numbers',
        topic: own,
        payload: Buffer.from(
          `{"v":1,"van":"${van}","readings":[{"seq":1e999,"ts":${'9'.repeat(int(rng, 20, 2000))},"kind":"temperature","compartment":"chilled","sensor":"S","celsius":-1e999}]}`,
        ),
      };
  }
}
