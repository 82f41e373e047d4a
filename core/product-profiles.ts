import { z } from 'zod';

/**
 * Product profiles: the legal maximum *product* temperature for each kind of food carried.
 * The van records *air* temperature (Reg. (EC) 37/2005 asks for air records); certificates
 * say so. Defaults from DESIGN.md §4; an installation may edit them.
 */
export const ProductProfile = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]{1,40}$/),
  name: z.strictObject({ fr: z.string(), en: z.string() }),
  /** Legal maximum product temperature, °C; `null` for ambient goods (no limit). */
  maxCelsius: z.number().nullable(),
  /**
   * °C a brief rise may reach in transport without breaching, for quick-frozen food
   * (−15 °C, Directive 89/108/EEC); `null` where the law allows no tolerance.
   */
  toleranceCelsius: z.number().nullable(),
  /** Whether the profile is frozen goods (severe threshold and defrost logic differ). */
  frozen: z.boolean(),
  legalSource: z.string(),
});
export type ProductProfile = z.infer<typeof ProductProfile>;

export const DEFAULT_PROFILES: readonly ProductProfile[] = Object.freeze([
  {
    id: 'fresh-meat',
    name: { fr: 'Viande fraîche (ongulés)', en: 'Fresh meat (ungulates)' },
    maxCelsius: 7,
    toleranceCelsius: null,
    frozen: false,
    legalSource: 'Reg. (EC) 853/2004 Annex III; ATP Annex 3',
  },
  {
    id: 'poultry',
    name: { fr: 'Volaille, lapin, gibier', en: 'Poultry, rabbit, game' },
    maxCelsius: 4,
    toleranceCelsius: null,
    frozen: false,
    legalSource: 'Reg. (EC) 853/2004 Annex III; ATP Annex 3',
  },
  {
    id: 'offal',
    name: { fr: 'Abats', en: 'Offal' },
    maxCelsius: 3,
    toleranceCelsius: null,
    frozen: false,
    legalSource: 'Reg. (EC) 853/2004 Annex III; ATP Annex 3',
  },
  {
    id: 'minced-meat',
    name: { fr: 'Viande hachée', en: 'Minced meat' },
    maxCelsius: 2,
    toleranceCelsius: null,
    frozen: false,
    legalSource: 'Reg. (EC) 853/2004 Annex III section V',
  },
  {
    id: 'meat-preparations',
    name: { fr: 'Préparations de viande', en: 'Meat preparations' },
    maxCelsius: 4,
    toleranceCelsius: null,
    frozen: false,
    legalSource: 'Reg. (EC) 853/2004 Annex III section V',
  },
  {
    id: 'dairy',
    name: {
      fr: 'Produits laitiers frais, lait pasteurisé, produits de viande',
      en: 'Fresh dairy, pasteurised milk, meat products',
    },
    maxCelsius: 6,
    toleranceCelsius: null,
    frozen: false,
    legalSource: 'ATP Annex 3 (or the temperature on the label)',
  },
  {
    id: 'chilled',
    name: { fr: 'Autres denrées réfrigérées', en: 'Other chilled food' },
    maxCelsius: 7,
    toleranceCelsius: null,
    frozen: false,
    legalSource: 'AFSCA/FAVV, Royal Decree of 13 July 2014, Annex IV',
  },
  {
    id: 'frozen',
    name: { fr: 'Denrées surgelées', en: 'Quick-frozen food' },
    maxCelsius: -18,
    toleranceCelsius: -15,
    frozen: true,
    legalSource: 'Directive 89/108/EEC; Reg. (EC) 37/2005',
  },
  {
    id: 'ambient',
    name: { fr: 'Ambiant', en: 'Ambient' },
    maxCelsius: null,
    toleranceCelsius: null,
    frozen: false,
    legalSource: '—',
  },
]);

export function findProfile(profiles: readonly ProductProfile[], id: string): ProductProfile | undefined {
  return profiles.find((p) => p.id === id);
}

/**
 * The profile whose limit is strictest (lowest maximum) among those on board; a compartment
 * carrying several loads raises its alerts at this limit. Ambient loads impose none.
 */
export function strictestProfile(onBoard: readonly ProductProfile[]): ProductProfile | undefined {
  let strictest: ProductProfile | undefined;
  for (const p of onBoard) {
    if (p.maxCelsius === null) continue;
    if (strictest === undefined || p.maxCelsius < (strictest.maxCelsius ?? Infinity)) strictest = p;
  }
  return strictest;
}
