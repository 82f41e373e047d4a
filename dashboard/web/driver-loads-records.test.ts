import { describe, expect, it } from 'vitest';
import { deliveryRecordOf, pickupRecordOf, type PickupDraft } from './driver-loads-records.ts';

const draft = (over: Partial<PickupDraft> = {}): PickupDraft => ({
  loadId: 'LD-A',
  kind: 'use-by',
  date: '2026-03-12',
  frozenByDonor: false,
  frozenOn: '',
  handOver: '10',
  ...over,
});

describe('the driver’s pickup and delivery records (issue 16)', () => {
  it('builds the record the server expects', () => {
    expect(pickupRecordOf(draft())).toEqual({
      ok: true,
      record: {
        marking: { kind: 'use-by', date: '2026-03-12', frozenByDonor: false },
        donorHandOverMinutes: 10,
      },
    });
    expect(
      pickupRecordOf(draft({ kind: 'best-before', frozenByDonor: true, frozenOn: '2026-03-01' })),
    ).toEqual({
      ok: true,
      record: {
        marking: { kind: 'best-before', date: '2026-03-12', frozenByDonor: true, frozenOn: '2026-03-01' },
        donorHandOverMinutes: 10,
      },
    });
  });

  it('takes what the driver left empty as not recorded, never as zero', () => {
    expect(pickupRecordOf(draft({ kind: null, handOver: ' ' }))).toEqual({ ok: true, record: {} });
    expect(deliveryRecordOf('')).toEqual({ ok: true, record: {} });
    expect(deliveryRecordOf('0')).toEqual({ ok: true, record: { charityHandOverMinutes: 0 } });
  });

  it('points each mistake at its field', () => {
    expect(pickupRecordOf(draft({ date: '' }))).toEqual({ ok: false, errors: { date: true } });
    expect(pickupRecordOf(draft({ frozenByDonor: true }))).toEqual({ ok: false, errors: { frozenOn: true } });
    for (const typed of ['241', '2.5', 'abc', '-1'])
      expect(pickupRecordOf(draft({ handOver: typed }))).toEqual({ ok: false, errors: { handOver: true } });
    expect(deliveryRecordOf('300')).toEqual({ ok: false, errors: { handOver: true } });
  });
});
