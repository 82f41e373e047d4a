import { describe, expect, it } from 'vitest';
import { fleetFilter, parseVanTopic, vanTopic } from './topics.ts';

describe('topic scheme v1', () => {
  it('builds and parses every channel', () => {
    for (const channel of ['telemetry', 'status', 'alerts', 'acks', 'receipts'] as const) {
      const topic = vanTopic('VAN-01', channel);
      expect(topic).toBe(`givre/v1/vans/VAN-01/${channel}`);
      expect(parseVanTopic(topic)).toEqual({ van: 'VAN-01', channel });
    }
  });

  it.each([
    ['givre/v1/vans/VAN-01/unknown'],
    ['givre/v2/vans/VAN-01/telemetry'],
    ['givre/v1/vans/VAN-01/telemetry/extra'],
    ['givre/v1/vans//telemetry'],
    ['givre/v1/vans/+/telemetry'],
    ['other/v1/vans/VAN-01/telemetry'],
  ])('refuses %s', (topic) => {
    expect(parseVanTopic(topic)).toBeNull();
  });

  it('parses a topic seen before alike, also after more topics than it keeps, and refuses a bad one each time', () => {
    const first = parseVanTopic('givre/v1/vans/VAN-01/telemetry');
    for (let i = 0; i < 60_000; i++) parseVanTopic(`givre/v1/vans/VAN-${i}/status`);
    expect(parseVanTopic('givre/v1/vans/VAN-01/telemetry')).toEqual(first);
    expect(parseVanTopic('givre/v1/vans/VAN-59999/status')).toEqual({ van: 'VAN-59999', channel: 'status' });
    for (let i = 0; i < 2; i++) expect(parseVanTopic('givre/v1/vans/VAN 01/telemetry')).toBeNull();
    expect(Object.isFrozen(first)).toBe(true);
  });

  it('refuses to build a topic from an id that would widen it', () => {
    expect(() => vanTopic('VAN/01', 'telemetry')).toThrow();
    expect(() => vanTopic('#', 'alerts')).toThrow();
  });

  it('gives a fleet-wide filter per channel', () => {
    expect(fleetFilter('telemetry')).toBe('givre/v1/vans/+/telemetry');
  });
});
