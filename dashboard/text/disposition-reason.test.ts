import { describe, expect, it } from 'vitest';
import { DISPOSITION_RULES } from '../../core/compliance/disposition-rules.ts';
import { DUTCH_REASONS, dispositionReasonIn, labelDay } from './disposition-reason.ts';

describe('the disposition reason in the reader’s language', () => {
  it('has a Dutch reason for every rule of the set in force, and no other', () => {
    expect(Object.keys(DUTCH_REASONS).sort()).toEqual(
      [...DISPOSITION_RULES.map((r) => r.id), 'no-rule-applies'].sort(),
    );
  });

  it('shows the signed words in French and English, their translation in Dutch', () => {
    const rule = DISPOSITION_RULES.find((r) => r.id === 'use-by-today-freeze')!;
    const answer = { rule: { ...rule, ruleSet: 'givre-disposition/1' }, reason: rule.reason };
    expect(dispositionReasonIn(answer, 'fr')).toBe(rule.reason.fr);
    expect(dispositionReasonIn(answer, 'en')).toBe(rule.reason.en);
    expect(dispositionReasonIn(answer, 'nl')).toContain('vandaag invriezen');
    const own = {
      rule: { ...answer.rule, id: 'an-installations-own' },
      reason: { fr: 'Motif', en: 'Reason' },
    };
    expect(dispositionReasonIn(own, 'nl')).toBe('Motif');
  });

  it('writes a day as on a label', () => {
    expect(labelDay('2026-03-09')).toBe('09/03/2026');
  });
});
