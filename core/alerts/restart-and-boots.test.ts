import { describe, expect, it } from 'vitest';
import { recordSeqs } from '../gaps/seq-gaps.ts';
import type { Reading } from '../readings.ts';
import { batches, context, MIN, numbered, raises, ramp, run, T0, temps } from './rule-test-kit.ts';
import { seedFromTrack } from './seed-rules.ts';
import { applyBatch, applyStatus, emptyVanRules, type VanRuleState } from './van-rules.ts';

/** An hour of one probe every 30 s, above the chilled limit (7 °C) from minute 20 to 45. */
const night = () => numbered(temps(ramp(0, 60, (m) => (m >= 20 && m < 45 ? 9 : 4))));

/** Feeds messages from a state, as the engine does; every event, late episodes flattened. */
function feed(start: VanRuleState, messages: Reading[][]) {
  return run(messages, context(), start);
}

describe('a restarted ingest knows which readings were judged (its seq track)', () => {
  const readings = night();
  const before = readings.slice(0, 21); // minutes 0–10, judged before the restart
  const [a, b, c, d, live] = batches(readings.slice(21), 5);
  const track = recordSeqs(
    undefined,
    before.map((r) => r.seq),
  );
  const expected = run([before, a!, b!, c!, d!, live!]).events;

  it('a live message that overtakes the backlog waits for it: the breach spread over the backlog raises', () => {
    expect(raises(expected, 'excursion')).toEqual([
      expect.objectContaining({ startedAt: T0 + 20 * MIN, detectedAt: T0 + 35 * MIN }),
    ]);
    const seeded = seedFromTrack(emptyVanRules('VAN-01'), track);
    const afterRestart = feed(seeded, [live!, a!, b!, c!, d!]);
    expect(raises(afterRestart.events, 'excursion')).toEqual(raises(expected, 'excursion'));
    expect(afterRestart.state.held).toHaveLength(0);
  });

  it('without it, the same arrival order judged each backlog message apart and missed the breach', () => {
    // What ingest did before: the first message set the frontier, the backlog came in late.
    const unseeded = feed(emptyVanRules('VAN-01'), [live!, a!, b!, c!, d!]);
    expect(raises(unseeded.events, 'excursion')).toHaveLength(0);
  });

  it('a replay of what was judged before the restart is not judged again', () => {
    const seeded = seedFromTrack(emptyVanRules('VAN-01'), track);
    const replay = applyBatch(seeded, before, context(), 0);
    expect(replay.state.deviceNow).toBeNull();
    expect(replay.events).toEqual([]);
  });

  it('numbers still missing in the track (a gap) are not taken as judged', () => {
    const withGap = recordSeqs(track, [before[20]!.seq + 10]); // stored 1–21 and 31: 22–30 missing
    const seeded = seedFromTrack(emptyVanRules('VAN-01'), withGap);
    const filled = applyBatch(seeded, a!.slice(0, 9), context(), 0); // seqs 22–30
    expect(filled.state.deviceNow).toBe(a![8]!.ts);
    expect(filled.state.held).toHaveLength(0);
  });
});

describe('numbers that are never coming are not waited for', () => {
  const readings = night();
  const first = readings.slice(0, 21);
  const ctx = context();
  const judgedFirst = applyBatch(emptyVanRules('VAN-01'), first, ctx, 0).state;
  const bootSeq = 1_000_000;
  const newBoot = readings.slice(21, 31).map((r, i) => ({ ...r, seq: bootSeq + i }));

  it('a reading that starts a boot announced before it is judged at once', () => {
    const online = applyStatus(judgedFirst, { v: 1, van: 'VAN-01', state: 'online', bootSeq }).state;
    const step = applyBatch(online, newBoot, ctx, 1_000);
    expect(step.state.held).toHaveLength(0);
    expect(step.state.deviceNow).toBe(newBoot[newBoot.length - 1]!.ts);
  });

  it('without the announcement the same jump is held (the numbers might still come)', () => {
    const step = applyBatch(judgedFirst, newBoot, ctx, 1_000);
    expect(step.state.held).toHaveLength(newBoot.length);
  });

  it('readings held before their boot was announced are judged by the next batch, none held again', () => {
    const heldFirst = applyBatch(judgedFirst, newBoot, ctx, 1_000).state;
    const online = applyStatus(heldFirst, { v: 1, van: 'VAN-01', state: 'online', bootSeq }).state;
    const step = applyBatch(online, [], ctx, 2_000);
    expect(step.state.held).toHaveLength(0);
    expect(step.state.deviceNow).toBe(newBoot[newBoot.length - 1]!.ts);
  });

  it('records the van declared lost are not waited for; a hole beside them still is', () => {
    const after = readings.slice(31, 41); // seqs 32–41: 22–31 never sent
    const declared = applyBatch(judgedFirst, after, ctx, 1_000, [{ first: 22, last: 31 }]);
    expect(declared.state.held).toHaveLength(0);
    expect(declared.state.deviceNow).toBe(after[after.length - 1]!.ts);
    const partly = applyBatch(judgedFirst, after, ctx, 1_000, [{ first: 22, last: 30 }]);
    expect(partly.state.held).toHaveLength(after.length);
  });
});
