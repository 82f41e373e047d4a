import { describe, expect, it } from 'vitest';
import type { DateMarking } from '../loads/date-marking.ts';
import { DEFAULT_PROFILES, findProfile } from '../product-profiles.ts';
import type { Verdict } from './compliance-report.ts';
import { DispositionRule, type DispositionFacts } from './disposition-rule.ts';
import { DISPOSITION_RULES } from './disposition-rules.ts';
import { dispose, type DispositionInput } from './disposition.ts';

const minced = findProfile(DEFAULT_PROFILES, 'minced-meat')!;
const dairy = findProfile(DEFAULT_PROFILES, 'dairy')!;
const frozen = findProfile(DEFAULT_PROFILES, 'frozen')!;
const ambient = findProfile(DEFAULT_PROFILES, 'ambient')!;

const useBy = (date: string): DateMarking => ({ kind: 'use-by', date, frozenByDonor: false });
const bestBefore = (date: string): DateMarking => ({ kind: 'best-before', date, frozenByDonor: false });
const frozenOn = (date: string, on: string): DateMarking => ({
  kind: 'use-by',
  date,
  frozenByDonor: true,
  frozenOn: on,
});

// What each row cites; the rule that decides must name it in its source.
const ART_24 = 'Reg. (EU) 1169/2011 art. 24(1)';
const ART_2R = 'Reg. (EU) 1169/2011 art. 2(2)(r)';
const ANNEX_III_6 = 'Reg. (EU) 1169/2011 Annex III point 6';
const COLD_CHAIN = 'Reg. (EC) 852/2004 Annex II chapter IX point 5';
const CIRCULAR = 'PCCB/S3/CDP/1092228';
const NETWORK = "The network's own rule";

type Row = [
  what: string,
  cites: string,
  input: Omit<DispositionInput, 'verdict'> & { verdict?: Verdict },
  disposition: string,
  rule: string,
];

const rows: Row[] = [
  // Use-by 29 March 2026: summer time starts that night (02:00 CET → 03:00 CEST).
  [
    'use-by 29/03, delivered 28/03 23:59 CET: the day before',
    NETWORK,
    { marking: useBy('2026-03-29'), deliveredAt: Date.parse('2026-03-28T22:59:00Z'), profile: minced },
    'distribute-quickly',
    'use-by-soon',
  ],
  [
    'use-by 29/03, delivered 29/03 00:00 CET (still the 28th in UTC): the day',
    CIRCULAR,
    { marking: useBy('2026-03-29'), deliveredAt: Date.parse('2026-03-28T23:00:00Z'), profile: minced },
    'freeze-today',
    'use-by-today-freeze',
  ],
  [
    'use-by 29/03, delivered 29/03 23:59:59 CEST, after the change: the day',
    ANNEX_III_6,
    { marking: useBy('2026-03-29'), deliveredAt: Date.parse('2026-03-29T21:59:59Z'), profile: minced },
    'freeze-today',
    'use-by-today-freeze',
  ],
  [
    'use-by 29/03, delivered 30/03 00:00 CEST (still the 29th in UTC): the day after',
    ART_24,
    { marking: useBy('2026-03-29'), deliveredAt: Date.parse('2026-03-29T22:00:00Z'), profile: minced },
    'do-not-distribute',
    'use-by-passed',
  ],
  // Use-by 25 October 2026: summer time ends that night, a day of 25 hours.
  [
    'use-by 25/10, delivered 24/10 23:59:59 CEST: the day before',
    NETWORK,
    { marking: useBy('2026-10-25'), deliveredAt: Date.parse('2026-10-24T21:59:59Z'), profile: minced },
    'distribute-quickly',
    'use-by-soon',
  ],
  [
    'use-by 25/10, delivered 25/10 00:00 CEST: the day',
    CIRCULAR,
    { marking: useBy('2026-10-25'), deliveredAt: Date.parse('2026-10-24T22:00:00Z'), profile: minced },
    'freeze-today',
    'use-by-today-freeze',
  ],
  [
    'use-by 25/10, delivered 25/10 23:59:59 CET, its 25th hour: the day',
    CIRCULAR,
    { marking: useBy('2026-10-25'), deliveredAt: Date.parse('2026-10-25T22:59:59Z'), profile: minced },
    'freeze-today',
    'use-by-today-freeze',
  ],
  [
    'use-by 25/10, delivered 26/10 00:00 CET: the day after',
    ART_24,
    { marking: useBy('2026-10-25'), deliveredAt: Date.parse('2026-10-25T23:00:00Z'), profile: minced },
    'do-not-distribute',
    'use-by-passed',
  ],
  // Winter, near midnight UTC: Brussels is an hour ahead.
  [
    'use-by 03/12, delivered 03/12 00:30 CET (02/12 in UTC): the day',
    CIRCULAR,
    { marking: useBy('2026-12-03'), deliveredAt: Date.parse('2026-12-02T23:30:00Z'), profile: minced },
    'freeze-today',
    'use-by-today-freeze',
  ],
  [
    'use-by 03/12, delivered 04/12 00:30 CET (03/12 in UTC): the day after',
    ART_24,
    { marking: useBy('2026-12-03'), deliveredAt: Date.parse('2026-12-03T23:30:00Z'), profile: minced },
    'do-not-distribute',
    'use-by-passed',
  ],
  [
    'use-by 03/12, delivered 01/12: two days left',
    NETWORK,
    { marking: useBy('2026-12-03'), deliveredAt: Date.parse('2026-12-01T12:00:00Z'), profile: minced },
    'distribute-quickly',
    'use-by-soon',
  ],
  [
    'use-by 03/12, delivered 30/11: three days left',
    ART_24,
    { marking: useBy('2026-12-03'), deliveredAt: Date.parse('2026-11-30T12:00:00Z'), profile: minced },
    'distribute',
    'use-by-ahead',
  ],
  // The certificate's verdict.
  [
    'cold chain broken, use-by far ahead',
    COLD_CHAIN,
    {
      marking: useBy('2026-12-10'),
      deliveredAt: Date.parse('2026-12-01T08:00:00Z'),
      profile: minced,
      verdict: 'non-compliant',
    },
    'do-not-distribute',
    'cold-chain-broken',
  ],
  [
    'cold chain broken, frozen food within its best-before',
    COLD_CHAIN,
    {
      marking: bestBefore('2027-06-30'),
      deliveredAt: Date.parse('2026-12-01T08:00:00Z'),
      profile: frozen,
      verdict: 'non-compliant',
    },
    'do-not-distribute',
    'cold-chain-broken',
  ],
  [
    'record incomplete on the use-by day: no freezing for later',
    NETWORK,
    {
      marking: useBy('2026-12-01'),
      deliveredAt: Date.parse('2026-12-01T08:00:00Z'),
      profile: minced,
      verdict: 'incomplete',
    },
    'distribute-quickly',
    'record-incomplete',
  ],
  [
    'record incomplete and use-by passed: the refusal wins',
    ART_24,
    {
      marking: useBy('2026-11-30'),
      deliveredAt: Date.parse('2026-12-01T08:00:00Z'),
      profile: minced,
      verdict: 'incomplete',
    },
    'do-not-distribute',
    'use-by-passed',
  ],
  [
    'record incomplete, best-before ahead',
    COLD_CHAIN,
    {
      marking: bestBefore('2026-12-20'),
      deliveredAt: Date.parse('2026-12-01T08:00:00Z'),
      profile: dairy,
      verdict: 'incomplete',
    },
    'distribute-quickly',
    'record-incomplete',
  ],
  // Frozen by the donor (use-by 01/12, delivered 06/12).
  [
    'frozen by the donor the day before its use-by',
    ANNEX_III_6,
    {
      marking: frozenOn('2026-12-01', '2026-11-30'),
      deliveredAt: Date.parse('2026-12-06T08:00:00Z'),
      profile: frozen,
    },
    'distribute',
    'use-by-frozen-by-donor',
  ],
  [
    'frozen by the donor on its use-by day',
    CIRCULAR,
    {
      marking: frozenOn('2026-12-01', '2026-12-01'),
      deliveredAt: Date.parse('2026-12-06T08:00:00Z'),
      profile: frozen,
    },
    'distribute',
    'use-by-frozen-by-donor',
  ],
  [
    'frozen by the donor the day after its use-by',
    ART_24,
    {
      marking: frozenOn('2026-12-01', '2026-12-02'),
      deliveredAt: Date.parse('2026-12-06T08:00:00Z'),
      profile: frozen,
    },
    'do-not-distribute',
    'use-by-frozen-too-late',
  ],
  [
    'frozen by the donor, carried chilled: thawing',
    CIRCULAR,
    {
      marking: frozenOn('2026-12-01', '2026-11-30'),
      deliveredAt: Date.parse('2026-12-06T08:00:00Z'),
      profile: minced,
    },
    'distribute-quickly',
    'use-by-frozen-thawing',
  ],
  [
    'frozen by the donor, carried chilled, record incomplete: the thawing advice stands',
    CIRCULAR,
    {
      marking: frozenOn('2026-12-01', '2026-11-30'),
      deliveredAt: Date.parse('2026-12-06T08:00:00Z'),
      profile: minced,
      verdict: 'incomplete',
    },
    'distribute-quickly',
    'use-by-frozen-thawing',
  ],
  [
    'use-by carried frozen with no freezing day',
    ANNEX_III_6,
    { marking: useBy('2026-12-10'), deliveredAt: Date.parse('2026-12-01T08:00:00Z'), profile: frozen },
    'do-not-distribute',
    'use-by-frozen-without-date',
  ],
  [
    'use-by carried without cold',
    ART_24,
    { marking: useBy('2026-12-10'), deliveredAt: Date.parse('2026-12-01T08:00:00Z'), profile: ambient },
    'do-not-distribute',
    'use-by-carried-ambient',
  ],
  // Best-before, chilled: not past it.
  [
    'dairy, best-before 02/12, delivered the day before',
    ART_2R,
    { marking: bestBefore('2026-12-02'), deliveredAt: Date.parse('2026-12-01T08:00:00Z'), profile: dairy },
    'distribute',
    'best-before-ahead',
  ],
  [
    'dairy, best-before 02/12, delivered that day',
    ART_2R,
    { marking: bestBefore('2026-12-02'), deliveredAt: Date.parse('2026-12-02T08:00:00Z'), profile: dairy },
    'distribute',
    'best-before-ahead',
  ],
  [
    'dairy, best-before 02/12, delivered the day after',
    CIRCULAR,
    { marking: bestBefore('2026-12-02'), deliveredAt: Date.parse('2026-12-03T08:00:00Z'), profile: dairy },
    'do-not-distribute',
    'best-before-passed-perishable',
  ],
  // Best-before, quick-frozen: a year past it (delivered 02/12/2026).
  [
    'frozen, best-before the day before delivery',
    CIRCULAR,
    { marking: bestBefore('2026-12-01'), deliveredAt: Date.parse('2026-12-02T08:00:00Z'), profile: frozen },
    'distribute',
    'best-before-passed-frozen',
  ],
  [
    'frozen, 365 days past its best-before',
    CIRCULAR,
    { marking: bestBefore('2025-12-02'), deliveredAt: Date.parse('2026-12-02T08:00:00Z'), profile: frozen },
    'distribute',
    'best-before-passed-frozen',
  ],
  [
    'frozen, 366 days past its best-before',
    CIRCULAR,
    { marking: bestBefore('2025-12-01'), deliveredAt: Date.parse('2026-12-02T08:00:00Z'), profile: frozen },
    'do-not-distribute',
    'best-before-passed-frozen-over-a-year',
  ],
  // Best-before, ambient: two months counted at their shortest (delivered 02/12/2026).
  [
    'ambient, best-before that day',
    ART_2R,
    { marking: bestBefore('2026-12-02'), deliveredAt: Date.parse('2026-12-02T08:00:00Z'), profile: ambient },
    'distribute',
    'best-before-ahead',
  ],
  [
    'ambient, the day after its best-before',
    CIRCULAR,
    { marking: bestBefore('2026-12-01'), deliveredAt: Date.parse('2026-12-02T08:00:00Z'), profile: ambient },
    'distribute-quickly',
    'best-before-passed-ambient',
  ],
  [
    'ambient, 59 days past its best-before',
    CIRCULAR,
    { marking: bestBefore('2026-10-04'), deliveredAt: Date.parse('2026-12-02T08:00:00Z'), profile: ambient },
    'distribute-quickly',
    'best-before-passed-ambient',
  ],
  [
    'ambient, 60 days past its best-before',
    CIRCULAR,
    { marking: bestBefore('2026-10-03'), deliveredAt: Date.parse('2026-12-02T08:00:00Z'), profile: ambient },
    'do-not-distribute',
    'best-before-passed-ambient-over-two-months',
  ],
];

describe('dispose: what the charity may do with a load, each row citing the source its rule applies', () => {
  it.each(rows)('%s (%s)', (_what, cites, input, disposition, rule) => {
    const answer = dispose({ verdict: 'compliant', ...input });
    expect({ disposition: answer.disposition, rule: answer.rule.id }).toEqual({ disposition, rule });
    expect(answer.rule.source).toContain(cites);
    expect(answer.reason.fr.length).toBeGreaterThan(20);
    expect(answer.reason.en.length).toBeGreaterThan(20);
  });

  it('names the day to write after « congelé le » when the load is to be frozen today, and only then', () => {
    const today = dispose({
      marking: useBy('2026-03-29'),
      deliveredAt: Date.parse('2026-03-28T23:00:00Z'),
      profile: minced,
      verdict: 'compliant',
    });
    expect(today).toMatchObject({ deliveryDay: '2026-03-29', daysLeft: 0, freezeOn: '2026-03-29' });
    const tomorrow = dispose({
      marking: useBy('2026-03-30'),
      deliveredAt: Date.parse('2026-03-28T23:00:00Z'),
      profile: minced,
      verdict: 'compliant',
    });
    expect(tomorrow.freezeOn).toBeUndefined();
  });

  it('quotes the rule set version with the rule', () => {
    const answer = dispose({
      marking: useBy('2026-12-10'),
      deliveredAt: Date.parse('2026-12-01T08:00:00Z'),
      profile: minced,
      verdict: 'compliant',
    });
    expect(answer.rule).toMatchObject({ version: 1, ruleSet: 'givre-disposition/1' });
  });

  it('every rule of the set is exercised by a row above', () => {
    const used = new Set(rows.map((r) => r[4]));
    expect(DISPOSITION_RULES.map((r) => r.id).filter((id) => !used.has(id))).toEqual([]);
  });
});

describe('the rule set as data', () => {
  it('parses against its schema, with unique ids, each naming its source and a reason in French and English', () => {
    for (const rule of DISPOSITION_RULES) expect(DispositionRule.parse(rule)).toEqual(rule);
    const ids = DISPOSITION_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('tries every refusal before any rule that lets food through', () => {
    const firstAllowing = DISPOSITION_RULES.findIndex((r) => r.disposition !== 'do-not-distribute');
    const lastRefusal = DISPOSITION_RULES.findLastIndex((r) => r.disposition === 'do-not-distribute');
    expect(lastRefusal).toBeLessThan(firstAllowing);
  });

  it('has a rule for every case: every verdict, marking, product and day from 400 before to 10 after', () => {
    const profiles = { chilled: minced, frozen, ambient };
    const misses: Partial<DispositionFacts>[] = [];
    const delivered = Date.parse('2026-12-02T08:00:00Z');
    for (const verdict of ['compliant', 'non-compliant', 'incomplete'] as const)
      for (const [product, profile] of Object.entries(profiles))
        for (const kind of ['use-by', 'best-before'] as const)
          for (const frozenWhen of [undefined, -1, 0, 1])
            for (let daysLeft = -400; daysLeft <= 10; daysLeft += 1) {
              const date = new Date(delivered + daysLeft * 86_400_000).toISOString().slice(0, 10);
              const on =
                frozenWhen === undefined
                  ? undefined
                  : new Date(Date.parse(date) + frozenWhen * 86_400_000).toISOString().slice(0, 10);
              const marking: DateMarking =
                on === undefined
                  ? { kind, date, frozenByDonor: false }
                  : { kind, date, frozenByDonor: true, frozenOn: on };
              const answer = dispose({ marking, deliveredAt: delivered, profile, verdict });
              if (answer.rule.id === 'no-rule-applies')
                misses.push({ verdict, product: product as DispositionFacts['product'], kind, daysLeft });
            }
    expect(misses).toEqual([]);
  });

  it('an installation rule set with a gap gets the safe answer, said as such', () => {
    const answer = dispose(
      {
        marking: useBy('2026-12-10'),
        deliveredAt: Date.parse('2026-12-01T08:00:00Z'),
        profile: minced,
        verdict: 'compliant',
      },
      [],
      'local/1',
    );
    expect(answer).toMatchObject({
      disposition: 'do-not-distribute',
      rule: { id: 'no-rule-applies', ruleSet: 'local/1' },
    });
  });
});
