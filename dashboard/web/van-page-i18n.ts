import type { Lang } from './i18n.ts';
import type { RangePreset } from './van-range.ts';

/** Words of the van page (issue 12). French first, natural; English complete. Pure. */
export interface VanPageMessages {
  title: string;
  back: string;
  range: string;
  presets: Record<RangePreset, string>;
  custom: string;
  from: string;
  to: string;
  show: string;
  badRange: string;
  csv: string;
  loading: string;
  noData: string;
  time: string;
  mean: string;
  min: string;
  max: string;
  limitLine: string;
  doorOpen: string;
  stillOpen: string;
  markers: Record<'open' | 'acknowledged' | 'resolved', string>;
  loads: string;
  noLoads: string;
  loadCols: {
    product: string;
    recipient: string;
    weight: string;
    pickedUp: string;
    delivered: string;
    certificate: string;
  };
  certificate: string;
  notYet: string;
  chartOf: string;
  legendNote: string;
}

export const VAN_PAGE_MESSAGES: Record<Lang, VanPageMessages> = {
  fr: {
    title: 'Véhicule',
    back: '← Flotte',
    range: 'Période',
    presets: { '1h': '1 h', '12h': '12 h', '24h': '24 h', '7d': '7 jours' },
    custom: 'Personnalisée',
    from: 'Du',
    to: 'Au',
    show: 'Afficher',
    badRange: 'Choisissez un début antérieur à la fin.',
    csv: 'Exporter les mesures (CSV)',
    loading: 'Chargement…',
    noData: 'Aucune mesure sur cette période.',
    time: 'Heure',
    mean: 'moyenne',
    min: 'min.',
    max: 'max.',
    limitLine: 'Limite',
    doorOpen: 'Porte ouverte',
    stillOpen: 'encore ouverte',
    markers: {
      open: 'Alerte déclenchée',
      acknowledged: 'Alerte acquittée',
      resolved: 'Alerte résolue',
    },
    loads: 'Chargements transportés sur la période',
    noLoads: 'Aucun chargement sur cette période.',
    loadCols: {
      product: 'Produit',
      recipient: 'Association',
      weight: 'Poids',
      pickedUp: 'Enlevé le',
      delivered: 'Livré le',
      certificate: 'Certificat',
    },
    certificate: 'Voir le certificat',
    notYet: 'pas encore',
    chartOf: 'Températures de l’air',
    legendNote:
      'Heures de Bruxelles. Bandes hachurées : porte ouverte. Repères : ▲ alerte déclenchée, ● acquittée, ■ résolue.',
  },
  en: {
    title: 'Van',
    back: '← Fleet',
    range: 'Range',
    presets: { '1h': '1 h', '12h': '12 h', '24h': '24 h', '7d': '7 days' },
    custom: 'Custom',
    from: 'From',
    to: 'To',
    show: 'Show',
    badRange: 'Choose a start before the end.',
    csv: 'Export readings (CSV)',
    loading: 'Loading…',
    noData: 'No readings in this range.',
    time: 'Time',
    mean: 'mean',
    min: 'min',
    max: 'max',
    limitLine: 'Limit',
    doorOpen: 'Door open',
    stillOpen: 'still open',
    markers: { open: 'Alert raised', acknowledged: 'Alert acknowledged', resolved: 'Alert resolved' },
    loads: 'Loads carried in the range',
    noLoads: 'No loads in this range.',
    loadCols: {
      product: 'Product',
      recipient: 'Association',
      weight: 'Weight',
      pickedUp: 'Picked up',
      delivered: 'Delivered',
      certificate: 'Certificate',
    },
    certificate: 'View certificate',
    notYet: 'not yet',
    chartOf: 'Air temperatures',
    legendNote: 'Brussels time. Hatched bands: door open. Marks: ▲ alert raised, ● acknowledged, ■ resolved.',
  },
};

const LOCALE: Record<Lang, string> = { fr: 'fr-BE', en: 'en-GB' };

/** A time on the page: Europe/Brussels, 24-hour, with the date when asked ("26/11 21:04"). */
export function formatBrussels(ms: number, lang: Lang, withDate: boolean): string {
  return new Intl.DateTimeFormat(LOCALE[lang], {
    timeZone: 'Europe/Brussels',
    hourCycle: 'h23',
    hour: '2-digit',
    minute: '2-digit',
    ...(withDate ? { day: '2-digit', month: '2-digit' } : {}),
  }).format(ms);
}
