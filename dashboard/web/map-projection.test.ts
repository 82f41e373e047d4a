import { describe, expect, it } from 'vitest';
import { fitView, scaleBar, tilesFor, tileUrl, toWorld } from './map-projection.ts';

// Mons and Charleroi (Hainaut), about 34 km apart.
const MONS = { lat: 50.4542, lon: 3.9523 };
const CHARLEROI = { lat: 50.4108, lon: 4.4446 };

describe('map projection (Web Mercator)', () => {
  it('puts 0°, 0° at the centre of the world and north up', () => {
    expect(toWorld({ lat: 0, lon: 0 })).toEqual({ x: 0.5, y: 0.5 });
    expect(toWorld(MONS).y).toBeLessThan(0.5);
    // The slippy-map tile of Mons at zoom 10 (OSM wiki formula): x 523, y 345.
    const w = toWorld(MONS);
    expect([Math.floor(w.x * 1024), Math.floor(w.y * 1024)]).toEqual([523, 345]);
  });

  it('fits every position inside the view, with the padding kept', () => {
    const view = fitView([MONS, CHARLEROI], { width: 800, height: 500, padding: 40 })!;
    const [a, b] = [view.project(MONS), view.project(CHARLEROI)];
    for (const p of [a, b]) {
      expect(p.x).toBeGreaterThanOrEqual(40 - 1e-9);
      expect(p.x).toBeLessThanOrEqual(760 + 1e-9);
      expect(p.y).toBeGreaterThanOrEqual(40);
      expect(p.y).toBeLessThanOrEqual(460);
    }
    expect(b.x - a.x).toBeCloseTo(720, 6); // the wider side fills the view
    expect(a.y).toBeLessThan(b.y); // Mons is north of Charleroi
    // 34.9 km across 720 px: about 48 m a pixel.
    expect(view.metresPerPixel).toBeGreaterThan(45);
    expect(view.metresPerPixel).toBeLessThan(51);
    expect(fitView([], { width: 800, height: 500 })).toBeUndefined();
  });

  it('shows one van with a sensible span around it, centred', () => {
    const view = fitView([MONS], { width: 800, height: 500, padding: 40, minSpanMetres: 2000 })!;
    expect(view.project(MONS)).toEqual({ x: 400, y: 250 });
    expect(view.metresPerPixel * 420).toBeCloseTo(2000, 0);
  });

  it('draws a round scale bar no longer than asked', () => {
    expect(scaleBar(48, 120)).toEqual({ metres: 5000, px: 5000 / 48, label: '5 km' });
    expect(scaleBar(1, 120)).toMatchObject({ metres: 100, label: '100 m' });
    expect(scaleBar(3, 120)).toMatchObject({ metres: 200, label: '200 m' });
  });

  it('covers a whole-zoom view with the tiles of that zoom, placed where they fall', () => {
    const view = fitView([MONS, CHARLEROI], { width: 800, height: 500, wholeZoom: true })!;
    expect(Math.log2(view.scale / 256) % 1).toBe(0);
    const tiles = tilesFor(view);
    const z = tiles[0]!.z;
    expect(tiles.every((t) => t.z === z && t.size === 256)).toBe(true);
    // Every pixel of the view lies on a tile.
    const minLeft = Math.min(...tiles.map((t) => t.left));
    const maxRight = Math.max(...tiles.map((t) => t.left + t.size));
    expect(minLeft).toBeLessThanOrEqual(0);
    expect(maxRight).toBeGreaterThanOrEqual(800);
    // The tile under Mons is the one OSM numbers for it.
    const m = view.project(MONS);
    const under = tiles.find(
      (t) => m.x >= t.left && m.x < t.left + t.size && m.y >= t.top && m.y < t.top + t.size,
    )!;
    const w = toWorld(MONS);
    expect([under.x, under.y]).toEqual([Math.floor(w.x * 2 ** z), Math.floor(w.y * 2 ** z)]);
    // Vans parked side by side: no deeper than zoom 18.
    const close = fitView([MONS], { width: 800, height: 500, minSpanMetres: 1, wholeZoom: true })!;
    expect(close.scale).toBe(256 * 2 ** 18);
    expect(tileUrl('https://{s}.tile.example.org/{z}/{x}/{y}.png', under)).toBe(
      `https://a.tile.example.org/${z}/${under.x}/${under.y}.png`,
    );
  });
});
