import { describe, expect, it } from 'vitest';
import { formatCoordinates } from './map-view.ts';

describe('map coordinates in words', () => {
  it('writes degrees as each language does, with the hemisphere', () => {
    expect(formatCoordinates({ lat: 50.4542, lon: 3.9523 }, 'fr')).toBe('50,4542° N · 3,9523° E');
    expect(formatCoordinates({ lat: 50.4542, lon: -0.1 }, 'en')).toBe('50.4542° N, 0.1000° W');
    expect(formatCoordinates({ lat: -1, lon: -2 }, 'fr')).toBe('1,0000° S · 2,0000° O');
  });
});
