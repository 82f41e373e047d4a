import { describe, expect, it } from 'vitest';
import { actorName, compartmentName, isKnownCompartment } from './code-words.ts';

describe('codes in words', () => {
  it('names the van’s cab and driver in words, and a person as they are', () => {
    expect(actorName('cab:VAN-01', 'fr')).toBe('l’écran de cabine de VAN-01');
    expect(actorName('driver:VAN-01', 'en')).toBe('VAN-01’s driver');
    expect(actorName('Marie', 'fr')).toBe('Marie');
  });

  it('names known compartments inside a sentence or as a label, and falls back to the id', () => {
    expect(compartmentName('chilled', 'fr')).toBe('réfrigéré');
    expect(compartmentName('chilled', 'fr', 'label')).toBe('Réfrigéré');
    expect(compartmentName('frozen', 'en', 'label')).toBe('Frozen');
    expect(compartmentName('rear-2', 'fr', 'label')).toBe('rear-2');
    expect(compartmentName('toString', 'en')).toBe('toString');
    expect([isKnownCompartment('frozen'), isKnownCompartment('toString')]).toEqual([true, false]);
  });
});
