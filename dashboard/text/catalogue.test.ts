import { describe, expect, it } from 'vitest';
import { AlertTransition } from '../../core/alert-episode.ts';
import { LoadStatus } from '../../core/loads/load.ts';
import { AckReason, AlertKind, AlertSeverity } from '../../core/messages.ts';
import { TEXT } from './catalogue.ts';
import { LANGS, type Lang } from './lang.ts';

/**
 * Every string of the catalogue, as a reader meets it (issue 12): functions are called with
 * sample counts (0, 1, 2, 5) and sample names, so plural forms are read too.
 */
function strings(node: unknown, path = ''): Array<[string, string]> {
  if (typeof node === 'string') return [[path, node]];
  if (typeof node === 'function') {
    const fn = node as (...args: unknown[]) => unknown;
    const samples: unknown[] = [0, 1, 2, 5, 'VAN-01', 'Marie', '12/03/2025 09:30'];
    return samples.flatMap((s) => strings(fn(...Array<unknown>(fn.length).fill(s)), `${path}(${String(s)})`));
  }
  return Object.entries(node as object).flatMap(([k, v]) => strings(v, path ? `${path}.${k}` : k));
}

/** Key paths, recursively; a function is a leaf with its number of arguments. */
function shape(node: unknown, path = ''): string[] {
  if (typeof node === 'function') return [`${path}/${node.length}`];
  if (typeof node !== 'object' || node === null) return [path];
  return Object.entries(node).flatMap(([k, v]) => shape(v, path ? `${path}.${k}` : k));
}

const ALL = Object.fromEntries(LANGS.map((l) => [l, strings(TEXT[l])])) as Record<
  Lang,
  Array<[string, string]>
>;

/** The codes machines exchange (core/), which no reader should ever see as they are. */
const CODES = [
  ...AlertKind.options,
  ...AckReason.options,
  ...LoadStatus.options,
  ...AlertSeverity.options,
  ...AlertTransition.shape.to.options.flatMap((o) => o.options),
  'chilled',
  'frozen',
  'compliant',
  'non-compliant',
  'incomplete',
];
const whole = (word: string) => new RegExp(`(^|[^\\p{L}-])${word}($|[^\\p{L}-])`, 'u');
/** English words that are proper English too: a code only in French text. */
const ENGLISH_WORDS = new Set([
  'excursion',
  'severe',
  'cumulative',
  'loading',
  'defrost',
  'other',
  'planned',
  'delivered',
  'rejected',
  'critical',
  'warning',
  'open',
  'acknowledged',
  'resolved',
  'escalated',
  'reminded',
  'chilled',
  'frozen',
  'compliant',
  'non-compliant',
  'incomplete',
]);

describe('the string catalogue (issue 12)', () => {
  it('has every French string in English, and no other, at every depth', () => {
    expect(shape(TEXT.en)).toEqual(shape(TEXT.fr));
  });

  it.each(LANGS)('has no empty string (%s)', (lang) => {
    for (const [path, text] of ALL[lang]) expect(text.trim(), path).not.toBe('');
  });

  it.each(LANGS)('shows no code meant for machines (%s)', (lang) => {
    const codes = lang === 'fr' ? CODES : CODES.filter((c) => !ENGLISH_WORDS.has(c));
    for (const [path, text] of ALL[lang]) {
      for (const code of codes) expect(text, `${path}: ${code}`).not.toMatch(whole(code));
      // A kind with its severity code, as a raw log line would have it.
      expect(text, path).not.toMatch(/\b\w+ \((critical|warning)\)/);
      expect(text, path).not.toMatch(/\b[a-z]+_[a-z]+\b/);
      expect(text, path).not.toMatch(/\{\w+\}/);
    }
  });

  it('speaks natural French: no anglicism, an alert never « ouverte » like a door', () => {
    for (const [path, text] of ALL.fr) {
      expect(text, path).not.toMatch(/escalad|reefer|\backnowledged\b|\bcritical\b/i);
      // A door is « ouverte », an alert never: neither beside the word nor as its state.
      expect(text, path).not.toMatch(/alertes?\s+(\p{L}+\s+)?ouvert/iu);
      if (/alertStates|groupStates|stateFilter|transitions/.test(path))
        expect(text, path).not.toMatch(/ouvert/i);
    }
  });

  it.each(LANGS)('uses the typographic apostrophe throughout (%s)', (lang) => {
    for (const [path, text] of ALL[lang]) expect(text, path).not.toContain("'");
    expect(ALL[lang].some(([, text]) => text.includes('’'))).toBe(true);
  });

  it('says the same cause once: an alert’s state and its reasons read alike on every page', () => {
    // The coordinators are a team, named so in the header (common.roles): one wording everywhere.
    expect(TEXT.fr.common.alertStates.escalated).toBe('transmise à la coordination');
    expect(TEXT.fr.common.roles.coordinator).toBe('coordination');
    for (const escalated of [
      TEXT.fr.alertLog.groupStates.escalated,
      TEXT.fr.alertLog.transitions.escalated,
      TEXT.fr.fleet.escalatedBanner,
    ])
      expect(escalated).toMatch(/^Transmise à la coordination/);
    expect(ALL.fr.filter(([, text]) => /coordinat(eur|rice)/.test(text))).toEqual([]);
    expect(TEXT.fr.alertLog.members(3)).toBe('3 alertes de la même cause');
    expect(TEXT.fr.map.openAlerts(0)).toBe('aucune alerte');
    expect(TEXT.en.certificate.doorCount(2)).toBe('twice');
  });
});
