import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CONFIG_VARIABLES, loadConfig } from '../platform/config.ts';

interface Service {
  image?: string;
  environment?: Record<string, string | number | boolean | null> | string[];
}

/** A service's environment as a map, whichever of the two compose forms it uses. */
function environmentOf(service: Service): Record<string, string> {
  const env = service.environment ?? {};
  const entries = Array.isArray(env)
    ? env.map((e) => [
        e.slice(0, e.indexOf('=') === -1 ? e.length : e.indexOf('=')),
        e.slice(e.indexOf('=') + 1),
      ])
    : Object.entries(env).map(([k, v]) => [k, v === null ? '' : String(v)]);
  return Object.fromEntries(entries);
}

/** `${NAME:-default}` as `docker compose` would expand it with NAME unset. */
function interpolate(value: string): string {
  return value.replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1');
}

describe('docker-compose.yml (docker is not run here: the file is checked)', () => {
  // `merge: true` resolves the `<<: *givre` keys as docker compose does.
  const compose = parse(readFileSync('docker-compose.yml', 'utf8'), { merge: true }) as {
    services: Record<string, Service>;
  };
  const services = Object.entries(compose.services);

  it('sets only GIVRE_* variables the configuration schema knows, with values it accepts', () => {
    const givreServices = services.filter(([, s]) =>
      Object.keys(environmentOf(s)).some((k) => k.startsWith('GIVRE_')),
    );
    expect(givreServices.map(([name]) => name).sort()).toEqual(['broker', 'dashboard', 'ingest']);
    for (const [name, service] of givreServices) {
      const env = environmentOf(service);
      const unknown = Object.keys(env).filter((k) => k.startsWith('GIVRE_') && !CONFIG_VARIABLES.includes(k));
      expect(unknown, `unknown variables in ${name}`).toEqual([]);
      const expanded = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, interpolate(v)]));
      expect(() => loadConfig(expanded), `configuration of ${name}`).not.toThrow();
    }
  });

  it('runs InfluxDB 1.x and points ingest and the dashboard at it', () => {
    expect(compose.services.influxdb?.image).toMatch(/^influxdb:1\./);
    for (const name of ['ingest', 'dashboard']) {
      const env = environmentOf(compose.services[name] ?? {});
      expect(env.GIVRE_INFLUX_URL).toBe('http://influxdb:8086');
      expect(env.GIVRE_MQTT_URL).toBe('mqtt://broker:1883');
    }
  });
});
