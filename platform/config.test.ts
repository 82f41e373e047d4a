import { describe, expect, it } from 'vitest';
import { loadConfig, mqttUrlOf } from './config.ts';

describe('loadConfig', () => {
  it('fills the documented defaults and freezes the result', () => {
    const config = loadConfig({});
    expect(config.GIVRE_MQTT_PORT).toBe(1883);
    expect(config.GIVRE_HTTP_PORT).toBe(8080);
    expect(config.GIVRE_DATA_DIR).toBe('./data');
    expect(config.GIVRE_INFLUX_URL).toBeUndefined();
    expect(Object.isFrozen(config)).toBe(true);
    expect(mqttUrlOf(config)).toBe('mqtt://127.0.0.1:1883');
  });

  it.each([
    ['GIVRE_HTTP_PORT', 'abc', /GIVRE_HTTP_PORT="abc" is invalid: expected a port number/],
    ['GIVRE_MQTT_PORT', '70000', /GIVRE_MQTT_PORT="70000" is invalid: expected a port number/],
    ['GIVRE_INFLUX_URL', 'localhost:8086', /GIVRE_INFLUX_URL=.* is invalid: expected a URL/],
    ['GIVRE_MQTT_URL', 'http://x', /GIVRE_MQTT_URL=.* is invalid: expected a URL starting with mqtt:\/\//],
    ['GIVRE_LOG_LEVEL', 'loud', /GIVRE_LOG_LEVEL="loud" is invalid: expected one of/],
    ['GIVRE_PUBLIC_URL', 'givre.example.org', /GIVRE_PUBLIC_URL=.* is invalid: expected a URL/],
    [
      'GIVRE_MAP_TILE_URL',
      'https://tile.example.org/{z}/{x}.png',
      /GIVRE_MAP_TILE_URL=.* is invalid: expected an http\(s\) tile URL with \{z\}, \{x\} and \{y\}/,
    ],
  ])('%s=%s stops with one line naming the variable', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });

  it('names the certificates’ issuer as the installation configures it (issue 12)', () => {
    expect(loadConfig({})).toMatchObject({
      GIVRE_ISSUER_NAME: 'Givre (démonstration)',
      GIVRE_ISSUER_ADDRESS: 'Mons, Belgique (démonstration)',
    });
    const config = loadConfig({
      GIVRE_ISSUER_NAME: ' SOREAL asbl ',
      GIVRE_ISSUER_ADDRESS: 'Rue de la Croix-Rouge 1, 7000 Mons',
    });
    expect([config.GIVRE_ISSUER_NAME, config.GIVRE_ISSUER_ADDRESS]).toEqual([
      'SOREAL asbl',
      'Rue de la Croix-Rouge 1, 7000 Mons',
    ]);
  });

  it('ignores variables that are not Givre’s', () => {
    expect(loadConfig({ PATH: '/bin', GIVRE_TEST_SOMETHING: '' }).GIVRE_HTTP_PORT).toBe(8080);
  });

  it.each([
    [
      'GIVRE_HTTP_PORT',
      '',
      'GIVRE_HTTP_PORT="" is invalid: the variable is set but empty; give a value, or unset it to use the default (8080)',
    ],
    [
      'GIVRE_INFLUX_URL',
      ' ',
      'GIVRE_INFLUX_URL=" " is invalid: the variable is set but empty; give a value, or unset it',
    ],
    [
      'GIVRE_ISSUER_NAME',
      '',
      'GIVRE_ISSUER_NAME="" is invalid: the variable is set but empty; give a value, or unset it to use the default (Givre (démonstration))',
    ],
    [
      'GIVRE_ISSUER_ADDRESS',
      '  ',
      'GIVRE_ISSUER_ADDRESS="  " is invalid: the variable is set but empty; give a value, or unset it to use the default (Mons, Belgique (démonstration))',
    ],
  ])('an empty %s stops with one line naming it, never the default (issue 11, 8)', (name, value, line) => {
    expect(() => loadConfig({ [name]: value })).toThrow(line);
  });
});
