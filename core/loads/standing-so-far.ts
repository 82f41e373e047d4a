import type { AlertEpisode } from '../alert-episode.ts';
import { BREACH_KINDS } from '../alerts/alert-causes.ts';

/**
 * How a load on board stands so far (issue 12, the fleet desk): `breached` once ingest raised
 * a temperature alert (excursion, severe, cumulative) on its compartment during its time on
 * board whose warmest reading was above *this load's* limit; `conforming` otherwise. The
 * compartment alerts at the strictest limit on board (DESIGN.md §4), so an alert raised for
 * minced meat at 2 °C does not breach the chilled load beside it unless the air passed 7 °C.
 * Read from the alerts ingest already judged, never from the readings: cheap enough for
 * every fleet page, and no second rule in the dashboard. The certificate, issued at
 * delivery from every record, has the final word.
 */
export type Standing = 'conforming' | 'breached';

export interface StandingSoFar {
  standing: Standing;
  /** The alerts that breached it, oldest first. */
  breaches: AlertEpisode[];
}

export function standingSoFar(
  load: { van: string; compartment: string; pickedUpAt: number | null },
  /** The load's own product limit, °C; `null` (ambient) is never breached. */
  maxCelsius: number | null,
  alerts: Iterable<AlertEpisode>,
): StandingSoFar {
  const since = load.pickedUpAt;
  if (maxCelsius === null || since === null) return { standing: 'conforming', breaches: [] };
  const breaches = [...alerts]
    .filter(
      (a) =>
        a.van === load.van &&
        a.compartment === load.compartment &&
        BREACH_KINDS.has(a.kind) &&
        (a.resolvedAt === null || a.resolvedAt > since) &&
        // An alert without a recorded peak is counted: the breach is certain, its size is not.
        (a.peak === null || a.peak > maxCelsius),
    )
    .sort((a, b) => a.startedAt - b.startedAt || (a.id < b.id ? -1 : 1));
  return { standing: breaches.length > 0 ? 'breached' : 'conforming', breaches };
}
