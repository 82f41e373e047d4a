import { describe, expect, it } from 'vitest';
import { legalSourceIn } from './legal-source.ts';

describe('legal sources in the reader’s language (issue 12)', () => {
  it('cites the texts in French as the Journal officiel and the Moniteur belge name them', () => {
    expect(legalSourceIn('ATP Annex 3 (or the temperature on the label)', 'fr')).toBe(
      'ATP, annexe 3 (ou la température indiquée sur l’étiquette)',
    );
    expect(legalSourceIn('Directive 89/108/EEC; Reg. (EC) 37/2005', 'fr')).toBe(
      'directive 89/108/CEE ; Règl. (CE) 37/2005',
    );
  });

  it('quotes them in English as the profiles do', () => {
    expect(legalSourceIn('Reg. (EC) 853/2004 Annex III', 'en')).toBe('Reg. (EC) 853/2004 Annex III');
  });
});
