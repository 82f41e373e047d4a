import type { SignedCertificate } from '../../core/certificates/certificate.ts';
import type { Excursion } from '../../core/compliance/excursions.ts';
import type { TemperatureStats } from '../../core/compliance/compliance-report.ts';
import { sensorsOf } from './certificate-facts.ts';

const iso = (ms: number) => new Date(ms).toISOString();

/** The trip's temperature summary as one sensorReport (type Temperature, uom CEL). */
const summary = (t: TemperatureStats) => ({
  type: 'Temperature',
  uom: 'CEL',
  ...(t.min !== null ? { minValue: t.min } : {}),
  ...(t.max !== null ? { maxValue: t.max } : {}),
  ...(t.mean !== null ? { meanValue: Math.round(t.mean * 100) / 100 } : {}),
});

/** One ALARM_CONDITION report per excursion: when it began, and its peak (the limit it broke is in the certificate). */
const alarm = (x: Excursion) => ({
  type: 'Temperature',
  exception: 'ALARM_CONDITION',
  time: iso(x.start),
  uom: 'CEL',
  ...(x.peak !== null ? { value: x.peak } : {}),
});

/**
 * The load's hand-over as a GS1 EPCIS 2.0 document with one ObjectEvent (action OBSERVE,
 * bizStep receiving). Its `sensorElementList` has one sensorElement per temperature sensor of
 * the compartment, each judged on its own series (issue 10): its own `sensorMetadata`
 * (deviceID, the trip as startTime/endTime), the air temperature it recorded over the trip
 * (min/max/mean) and one ALARM_CONDITION report per excursion its records prove (EPCIS 2.0
 * §7.3.6, CBV 2.0 sensor vocabularies). A certificate signed before sensors were judged one by
 * one, or one without any record, keeps the single compartment-wide element.
 */
export function epcisDocument(signed: SignedCertificate, baseUrl: string) {
  const c = signed.certificate;
  const r = c.report;
  const device = (sensor: string) => `urn:givre:sensor:${encodeURIComponent(sensor)}`;
  const metadata = (deviceID: string) => ({
    startTime: iso(r.period.from),
    endTime: iso(r.period.to),
    deviceID,
  });
  const sensors = sensorsOf(r) ?? [];
  const sensorElementList =
    sensors.length > 0
      ? sensors.map((s) => ({
          sensorMetadata: metadata(device(s.sensor)),
          sensorReport: [summary(s.temperature), ...s.excursions.map(alarm)],
        }))
      : [
          {
            sensorMetadata: metadata(
              r.recorder.sensors[0] ? device(r.recorder.sensors[0]) : `urn:givre:van:${r.recorder.van}`,
            ),
            sensorReport: [summary(r.temperature), ...r.excursions.map(alarm)],
          },
        ];
  return {
    '@context': ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld'],
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate: iso(c.issuedAt),
    epcisBody: {
      eventList: [
        {
          type: 'ObjectEvent',
          eventTime: iso(c.load.deliveredAt),
          eventTimeZoneOffset: '+00:00',
          eventID: `${baseUrl}/verify/${encodeURIComponent(c.id)}`,
          action: 'OBSERVE',
          bizStep: c.load.status === 'rejected' ? 'rejecting' : 'receiving',
          disposition: c.load.status === 'rejected' ? 'rejected' : 'in_progress',
          quantityList: [
            { epcClass: `urn:givre:product:${c.load.profile}`, quantity: c.load.weightKg, uom: 'KGM' },
          ],
          readPoint: { id: `urn:givre:van:${r.recorder.van}:${r.recorder.compartment}` },
          sensorElementList,
        },
      ],
    },
  };
}
