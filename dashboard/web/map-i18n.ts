import type { Lang } from './i18n.ts';

/** Words of the map page (`/map`, issue 12). French first. Pure. */
export interface MapMessages {
  title: string;
  mapLabel: string;
  empty: string;
  van: string;
  status: string;
  position: string;
  positionAt: string;
  alerts: string;
  noPosition: string;
  /** `{n}` alerts not yet over. */
  openAlerts: Record<'none' | 'one' | 'other', string>;
  vectorNote: string;
  /** `{host}`: where the background map comes from. */
  tilesNote: string;
}

export const MAP_MESSAGES: Record<Lang, MapMessages> = {
  fr: {
    title: 'Givre — Carte de la flotte',
    mapLabel: 'Dernière position connue de chaque véhicule',
    empty: 'Aucun véhicule n’a encore envoyé sa position.',
    van: 'Véhicule',
    status: 'État',
    position: 'Position',
    positionAt: 'Relevée le',
    alerts: 'Alertes',
    noPosition: 'position inconnue',
    openAlerts: { none: 'aucune alerte', one: '{n} alerte en cours', other: '{n} alertes en cours' },
    vectorNote: 'Vue simplifiée, sans fond de carte : les positions et l’échelle sont exactes.',
    tilesNote: 'Fond de carte : {host}',
  },
  en: {
    title: 'Givre — Fleet map',
    mapLabel: 'Last known position of each van',
    empty: 'No van has sent its position yet.',
    van: 'Van',
    status: 'Status',
    position: 'Position',
    positionAt: 'Recorded at',
    alerts: 'Alerts',
    noPosition: 'position unknown',
    openAlerts: { none: 'no alert', one: '{n} alert ongoing', other: '{n} alerts ongoing' },
    vectorNote: 'Plain view without a background map: positions and scale are exact.',
    tilesNote: 'Background map: {host}',
  },
};

export function openAlertsText(n: number, lang: Lang): string {
  const t = MAP_MESSAGES[lang].openAlerts;
  return (n === 0 ? t.none : n === 1 ? t.one : t.other).replace('{n}', String(n));
}
