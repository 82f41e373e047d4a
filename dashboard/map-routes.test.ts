import { describe, expect, it } from 'vitest';
import { loadConfig } from '../platform/config.ts';
import { tileImageSource } from './map-routes.ts';
import { contentSecurityPolicy, CONTENT_SECURITY_POLICY } from './security-headers.ts';

describe('the map’s tile host in the Content-Security-Policy (issue 12)', () => {
  it('allows images from the configured tile host only, and nothing more without one', () => {
    expect(tileImageSource('https://{s}.tile.example.org/{z}/{x}/{y}.png')).toBe(
      'https://*.tile.example.org',
    );
    expect(tileImageSource('http://127.0.0.1:8081/tiles/{z}/{x}/{y}.png')).toBe('http://127.0.0.1:8081');
    expect(tileImageSource(undefined)).toBeUndefined();
    expect(contentSecurityPolicy(undefined)).toBe(CONTENT_SECURITY_POLICY);
    expect(contentSecurityPolicy('https://*.tile.example.org')).toContain(
      "img-src 'self' data: https://*.tile.example.org;",
    );
  });

  it('accepts an OpenStreetMap-style template from GIVRE_MAP_TILE_URL', () => {
    const url = 'https://{s}.tile.example.org/{z}/{x}/{y}.png';
    expect(loadConfig({ GIVRE_MAP_TILE_URL: url }).GIVRE_MAP_TILE_URL).toBe(url);
    expect(loadConfig({}).GIVRE_MAP_TILE_URL).toBeUndefined();
  });
});
