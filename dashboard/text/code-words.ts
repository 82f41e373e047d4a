import { TEXT } from './catalogue.ts';
import { capitalise } from './format.ts';
import type { Lang } from './lang.ts';

/**
 * Codes a person never reads as they are (issue 12): a compartment's id and who acted,
 * in words. A code the catalogue does not know (an installation's own compartment, a
 * person's name) is shown as it is.
 */

/** "réfrigéré" inside a sentence, "Réfrigéré" as a label (`label`). */
export function compartmentName(id: string, lang: Lang, form: 'inline' | 'label' = 'inline'): string {
  if (!isKnownCompartment(id)) return id;
  const word = TEXT[lang].common.compartments[id];
  return form === 'label' ? capitalise(word, lang) : word;
}

type KnownCompartment = keyof (typeof TEXT)['fr']['common']['compartments'];

/** Whether the catalogue names this compartment (an installation's own id it does not). */
export const isKnownCompartment = (id: string): id is KnownCompartment =>
  Object.hasOwn(TEXT.fr.common.compartments, id);

/**
 * Who acted: `cab:VAN-01` (the van's acknowledge button, ingest/alert-engine.ts) and
 * `driver:VAN-01` (the driver view of a dashboard without users) are codes; a signed-in
 * person's name is left as it is.
 */
export function actorName(by: string, lang: Lang): string {
  const m = /^(cab|driver):(.+)$/.exec(by);
  if (!m) return by;
  const actors = TEXT[lang].common.actors;
  return m[1] === 'cab' ? actors.cab(m[2]!) : actors.driver(m[2]!);
}
