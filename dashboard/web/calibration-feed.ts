import { FleetCalibrations } from '../../core/api/calibrations.ts';
import type { VanCalibrationStanding } from '../../core/calibration.ts';
import { apiJson } from './api-client.ts';

export interface CalibrationFeed {
  of(van: string): VanCalibrationStanding | undefined;
  /** Reads every van's standing again (at each (re)connection: it changes by the day, not by the reading). */
  refresh(): Promise<void>;
}

/** Each van's calibration standing from `GET /api/fleet/calibrations` (issue 16); `changed` after each read. */
export function createCalibrationFeed(changed: () => void): CalibrationFeed {
  let byVan = new Map<string, VanCalibrationStanding>();
  return {
    of: (van) => byVan.get(van),
    async refresh() {
      try {
        const list = await apiJson(FleetCalibrations, '/api/fleet/calibrations');
        byVan = new Map(list.map(({ van, ...s }) => [van, s]));
      } catch {
        return; // away or refused: the last known stays until the next reconnection
      }
      changed();
    },
  };
}
