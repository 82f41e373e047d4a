import { describe, expect, it } from 'vitest';
import { ALERT_LOG_MESSAGES, actorLabel, fill } from './alert-log-i18n.ts';

describe('alert log words', () => {
  it('says who acknowledged in words, never as a raw code', () => {
    expect(actorLabel('cab:VAN-02', 'fr')).toBe('la cabine de VAN-02');
    expect(actorLabel('driver:VAN-01', 'en')).toBe('the driver of VAN-01');
    expect(actorLabel('coco', 'fr')).toBe('coco');
  });

  it('speaks natural French: no open door, no anglicism, no code', () => {
    const words = (o: object): string[] =>
      Object.values(o).flatMap((v) => (typeof v === 'object' ? words(v as object) : [String(v)]));
    for (const w of words(ALERT_LOG_MESSAGES.fr))
      expect(w).not.toMatch(/ouverte|escalad|reefer|chilled|critical/);
    expect(fill(ALERT_LOG_MESSAGES.fr.members.other, { n: '3' })).toBe('3 alertes de la même cause');
  });

  it('has every French word in English too', () => {
    const keys = (o: object): string[] =>
      Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' ? keys(v).map((s) => `${k}.${s}`) : [k]));
    expect(keys(ALERT_LOG_MESSAGES.en)).toEqual(keys(ALERT_LOG_MESSAGES.fr));
  });
});
