import type { SignedCertificate } from '../../core/certificates/certificate.ts';

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The load's hand-over as a GS1 EPCIS 2.0 document with one ObjectEvent (action OBSERVE,
 * bizStep receiving) whose `sensorElementList` carries the compartment's air temperature over
 * the trip (type Temperature, uom CEL, min/max/mean) and one ALARM_CONDITION report per
 * excursion (EPCIS 2.0 §7.3.6, CBV 2.0 sensor vocabularies).
 */
export function epcisDocument(signed: SignedCertificate, baseUrl: string) {
  const c = signed.certificate;
  const r = c.report;
  const device = (sensor: string) => `urn:givre:sensor:${encodeURIComponent(sensor)}`;
  const deviceID = r.recorder.sensors[0] ? device(r.recorder.sensors[0]) : `urn:givre:van:${r.recorder.van}`;
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
          sensorElementList: [
            {
              sensorMetadata: { startTime: iso(r.period.from), endTime: iso(r.period.to), deviceID },
              sensorReport: [
                {
                  type: 'Temperature',
                  uom: 'CEL',
                  ...(r.temperature.min !== null ? { minValue: r.temperature.min } : {}),
                  ...(r.temperature.max !== null ? { maxValue: r.temperature.max } : {}),
                  ...(r.temperature.mean !== null
                    ? { meanValue: Math.round(r.temperature.mean * 100) / 100 }
                    : {}),
                },
                ...r.excursions.map((x) => ({
                  type: 'Temperature',
                  exception: 'ALARM_CONDITION',
                  time: iso(x.start),
                  uom: 'CEL',
                  // The peak of the excursion; the limit it broke is in the certificate.
                  ...(x.peak !== null ? { value: x.peak } : {}),
                })),
              ],
            },
          ],
        },
      ],
    },
  };
}
