import { describe, expect, it } from 'vitest';
import { epcisDocument } from './epcis-event.ts';
import { FROM, legacySigned, signed, twoSensorReport } from './certificate-test-kit.ts';

const elements = (doc: ReturnType<typeof epcisDocument>) => doc.epcisBody.eventList[0]!.sensorElementList;

describe('EPCIS 2.0 event (§7.3.6 sensorElementList)', () => {
  it('carries one sensorElement per sensor, each with its own deviceID and reports', () => {
    const list = elements(epcisDocument(signed(), 'https://givre.example'));
    expect(list.map((e) => e.sensorMetadata.deviceID)).toEqual([
      'urn:givre:sensor:FRONT',
      'urn:givre:sensor:REAR',
    ]);
    const [front, rear] = list;
    expect(front!.sensorReport).toEqual([
      { type: 'Temperature', uom: 'CEL', minValue: 2.1, maxValue: 4, meanValue: 3.05 },
    ]);
    // REAR's excursion is an ALARM_CONDITION of REAR, not of the compartment's first sensor.
    expect(rear!.sensorReport).toEqual([
      { type: 'Temperature', uom: 'CEL', minValue: 2.5, maxValue: 9.2, meanValue: 5.4 },
      {
        type: 'Temperature',
        exception: 'ALARM_CONDITION',
        time: new Date(FROM + 30 * 60_000).toISOString(),
        uom: 'CEL',
        value: 9.2,
      },
    ]);
    expect(rear!.sensorMetadata).toMatchObject({
      startTime: new Date(FROM).toISOString(),
      endTime: new Date(FROM + 120 * 60_000).toISOString(),
    });
  });

  it('keeps one compartment-wide element for a certificate signed before sensors were judged apart', () => {
    const list = elements(epcisDocument(legacySigned(), 'https://givre.example'));
    expect(list).toHaveLength(1);
    expect(list[0]!.sensorMetadata.deviceID).toBe('urn:givre:sensor:FRONT');
    expect(list[0]!.sensorReport.filter((r) => 'exception' in r)).toHaveLength(1);
  });

  it('names the van when no sensor recorded at all', () => {
    const report = {
      ...twoSensorReport(),
      sensors: [],
      recorder: { van: 'VAN-07', compartment: 'chilled', sensors: [] },
    };
    const list = elements(epcisDocument(signed(report), 'https://givre.example'));
    expect(list.map((e) => e.sensorMetadata.deviceID)).toEqual(['urn:givre:van:VAN-07']);
  });
});
