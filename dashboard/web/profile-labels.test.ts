import { describe, expect, it } from 'vitest';
import { DEFAULT_PROFILES, findProfile } from '../../core/product-profiles.ts';
import { profileChoice, profileName } from './profile-labels.ts';

const profile = (id: string) => findProfile(DEFAULT_PROFILES, id)!;

describe('product profiles as the load form shows them (issue 12)', () => {
  it('gives the French name, the limit and the legal source in French', () => {
    expect(profileChoice(profile('poultry'), 'fr')).toBe(
      'Volaille, lapin, gibier — 4 °C au plus — Règl. (CE) 853/2004, annexe III ; ATP, annexe 3',
    );
    expect(profileChoice(profile('frozen'), 'fr')).toBe(
      'Denrées surgelées — −18 °C au plus (−15 °C tolérés brièvement) — directive 89/108/CEE ; Règl. (CE) 37/2005',
    );
    expect(profileChoice(profile('chilled'), 'fr')).toBe(
      'Autres denrées réfrigérées — 7 °C au plus — AFSCA/FAVV, arrêté royal du 13 juillet 2014, annexe IV',
    );
    expect(profileChoice(profile('ambient'), 'fr')).toBe('Ambiant — sans limite de température');
  });

  it('in English, quotes the sources as the profiles do', () => {
    expect(profileChoice(profile('minced-meat'), 'en')).toBe(
      'Minced meat — at most 2 °C — Reg. (EC) 853/2004 Annex III section V',
    );
  });

  it('names a profile in lists, never by its code', () => {
    expect(profileName(DEFAULT_PROFILES, 'chilled', 'fr')).toBe('Autres denrées réfrigérées');
    expect(profileName(DEFAULT_PROFILES, 'retired-profile', 'fr')).toBe('retired-profile');
  });
});
