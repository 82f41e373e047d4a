/**
 * The map's geometry (issue 12), pure: Web Mercator (EPSG:3857, as OpenStreetMap tiles use
 * it), a view fitted to the vans' bounding box, a scale bar, and the tiles that cover a view.
 * World coordinates are in [0, 1): x east from 180° W, y south from 85.0511° N.
 */
export interface LatLon {
  lat: number;
  lon: number;
}

/** Web Mercator stops at ±85.0511°, where the square world ends. */
const MAX_LAT = 85.05112878;
/** Earth's equatorial circumference, m (WGS 84), the length of the world's width at the equator. */
const EARTH_M = 40_075_016.686;
/** OpenStreetMap tiles are 256 px squares. */
export const TILE_PX = 256;
/** Deepest tile zoom asked for. */
const MAX_TILE_ZOOM = 18;

export function toWorld({ lat, lon }: LatLon): { x: number; y: number } {
  const φ = (Math.max(-MAX_LAT, Math.min(MAX_LAT, lat)) * Math.PI) / 180;
  return {
    x: (lon + 180) / 360,
    y: (1 - Math.log(Math.tan(φ) + 1 / Math.cos(φ)) / Math.PI) / 2,
  };
}

export interface MapView {
  width: number;
  height: number;
  /** World coordinates at the view's centre. */
  centre: { x: number; y: number };
  /** Pixels per world unit (256 · 2^zoom). */
  scale: number;
  /** Metres one pixel spans at the centre's latitude. */
  metresPerPixel: number;
  project(p: LatLon): { x: number; y: number };
}

export interface FitOptions {
  width: number;
  height: number;
  /** Free margin around the positions, px (room for the markers' labels). */
  padding?: number;
  /** Narrowest span shown, m: one van, or vans parked together, are not zoomed to the street. */
  minSpanMetres?: number;
  /** Round the zoom down to a whole one, so that tiles are drawn at their own size. */
  wholeZoom?: boolean;
}

const yToLat = (y: number) => (Math.atan(Math.sinh(Math.PI * (1 - 2 * y))) * 180) / Math.PI;

/** A view showing every position, centred on their bounding box; `undefined` with none. */
export function fitView(points: readonly LatLon[], o: FitOptions): MapView | undefined {
  if (points.length === 0) return undefined;
  const world = points.map(toWorld);
  const xs = world.map((p) => p.x);
  const ys = world.map((p) => p.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const centre = { x: (x0 + x1) / 2, y: (y0 + y1) / 2 };
  const cosLat = Math.cos((yToLat(centre.y) * Math.PI) / 180);
  const minSpan = (o.minSpanMetres ?? 2_000) / (EARTH_M * cosLat);
  const pad = o.padding ?? 40;
  const usableW = Math.max(1, o.width - 2 * pad);
  const usableH = Math.max(1, o.height - 2 * pad);
  let scale = Math.min(usableW / Math.max(x1 - x0, minSpan), usableH / Math.max(y1 - y0, minSpan));
  // Tile servers stop at zoom 19 (OpenStreetMap's tile usage policy); 18 leaves margin.
  if (o.wholeZoom) scale = TILE_PX * 2 ** Math.min(MAX_TILE_ZOOM, Math.floor(Math.log2(scale / TILE_PX)));
  return {
    width: o.width,
    height: o.height,
    centre,
    scale,
    metresPerPixel: (EARTH_M * cosLat) / scale,
    project(p) {
      const w = toWorld(p);
      return { x: o.width / 2 + (w.x - centre.x) * scale, y: o.height / 2 + (w.y - centre.y) * scale };
    },
  };
}

/** A scale bar of a round length (1, 2 or 5 × 10ⁿ m) at most `maxPx` long. */
export function scaleBar(metresPerPixel: number, maxPx = 120): { metres: number; px: number; label: string } {
  const most = metresPerPixel * maxPx;
  const power = 10 ** Math.floor(Math.log10(most));
  const metres = [5, 2, 1].map((k) => k * power).find((m) => m <= most) ?? power;
  const label = metres >= 1000 ? `${metres / 1000} km` : `${metres} m`;
  return { metres, px: metres / metresPerPixel, label };
}

export interface Tile {
  z: number;
  x: number;
  y: number;
  /** Where its top-left corner falls in the view, px, and its side. */
  left: number;
  top: number;
  size: number;
}

/** The tiles covering a view (whole zoom: see `wholeZoom`), left to right, top to bottom. */
export function tilesFor(view: MapView): Tile[] {
  const z = Math.max(0, Math.round(Math.log2(view.scale / TILE_PX)));
  const n = 2 ** z;
  const size = view.scale / n;
  const left = view.centre.x * view.scale - view.width / 2;
  const top = view.centre.y * view.scale - view.height / 2;
  const tiles: Tile[] = [];
  for (
    let ty = Math.max(0, Math.floor(top / size));
    ty <= Math.min(n - 1, Math.floor((top + view.height) / size));
    ty++
  )
    for (let tx = Math.floor(left / size); tx <= Math.floor((left + view.width) / size); tx++)
      tiles.push({ z, x: ((tx % n) + n) % n, y: ty, left: tx * size - left, top: ty * size - top, size });
  return tiles;
}

/** An OpenStreetMap-style template's address of one tile (`{s}`: the first subdomain, `a`). */
export function tileUrl(template: string, t: Pick<Tile, 'z' | 'x' | 'y'>): string {
  return template
    .replaceAll('{s}', 'a')
    .replaceAll('{z}', String(t.z))
    .replaceAll('{x}', String(t.x))
    .replaceAll('{y}', String(t.y));
}
