import { describe, expect, it } from 'vitest';
import { legacySigned, signed } from '../certificates/certificate-test-kit.ts';
import { factRows } from './verify-page.ts';

const fact = (rows: Array<[string, string]>, label: string) => rows.find(([k]) => k === label)?.[1];

describe('verification page facts (issue 10, 7)', () => {
  it('names the deciding sensor, each sensor’s verdict, and the records still awaited, in French', () => {
    const rows = factRows(signed(), 'fr');
    expect(fact(rows, 'Verdict')).toBe('non conforme (provisoire)');
    expect(fact(rows, 'Capteur déterminant')).toBe('REAR');
    expect(fact(rows, 'Résultat par capteur')).toBe('FRONT : données incomplètes ; REAR : non conforme');
    expect(fact(rows, 'Relevés numérotés du véhicule')).toBe(
      'relevés manquants : n° 120–123, 130 ; en attente des derniers relevés du véhicule',
    );
  });

  it('says the same in English', () => {
    const rows = factRows(signed(), 'en');
    expect(fact(rows, 'Deciding sensor')).toBe('REAR');
    expect(fact(rows, 'Result by sensor')).toBe('FRONT: incomplete data; REAR: non-compliant');
    expect(fact(rows, 'Van’s numbered records')).toBe(
      'missing records: nos. 120–123, 130; waiting for the van’s last records',
    );
  });

  it('leaves out what a certificate signed before sensors were judged apart never said', () => {
    const labels = factRows(legacySigned(), 'fr').map(([k]) => k);
    expect(labels).toEqual(['Verdict', 'Produit', 'Période', 'Enregistreur et sondes', 'Émis par']);
  });
});
