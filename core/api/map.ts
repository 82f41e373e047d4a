import { z } from 'zod';

/** What the map needs of the installation (issue 12): GIVRE_MAP_TILE_URL. */
export interface MapSettings {
  /** GIVRE_MAP_TILE_URL: an OpenStreetMap-compatible `{z}/{x}/{y}` template; unset: the vector view alone. */
  tileUrl?: string;
}

/** `GET /api/map`, as the server writes it and the map page reads it. */
export const MapSettingsAnswer = z.strictObject({ tileUrl: z.string().nullable() });
export type MapSettingsAnswer = z.infer<typeof MapSettingsAnswer>;
