import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertEpisode } from '../core/alert-episode.ts';
import type { AlertNotice } from '../core/alerts/alert-notice.ts';
import type { Reading } from '../core/readings.ts';
import type { ServerToClientEvents } from '../dashboard/events.ts';
import { startTestSystem, type TestSystem } from './harness/givre.ts';
import { waitFor } from './harness/wait-for.ts';

const T0 = Date.UTC(2026, 10, 26, 19, 0);
let seq = 1;
/** Chilled temperatures every 30 s of device time from `fromMin`, as ingest announces them on the bus. */
function chilled(van: string, fromMin: number, toMin: number, celsius: number): Reading[] {
  const out: Reading[] = [];
  for (let m = fromMin; m <= toMin; m += 0.5)
    out.push({
      kind: 'temperature',
      seq: seq++,
      ts: T0 + m * 60_000,
      compartment: 'chilled',
      sensor: 'T1',
      celsius,
    });
  return out;
}

/** Issue 5: the alerts API (filters, one alert, acknowledgement, JSON errors) and reconnect replay. */
describe('alerts API and live replay', () => {
  let system: TestSystem;
  let excursion: AlertEpisode;
  beforeAll(async () => {
    system = await startTestSystem();
    system.bus.emit('readings-stored', { van: 'VAN-07', readings: chilled('VAN-07', 0, 40, 9) });
    excursion = await waitFor(() => system.alerts.list({ van: 'VAN-07', kind: 'excursion', limit: 5 })[0]);
  });
  afterAll(async () => {
    await system?.stop();
  });

  const api = (path: string, init?: RequestInit) => fetch(`${system.baseUrl}/api${path}`, init);
  const ack = (id: string, body: unknown) =>
    api(`/alerts/${id}/ack`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('lists alerts with filters and gives one with its transitions', async () => {
    expect(excursion).toMatchObject({
      startedAt: T0,
      detectedAt: T0 + 15 * 60_000,
      state: 'open',
      severity: 'critical',
    });
    const critical = (await (await api('/alerts?van=VAN-07&severity=critical')).json()) as AlertEpisode[];
    expect(critical.map((a) => a.kind)).toContain('excursion');
    const none = (await (await api(`/alerts?van=VAN-07&to=${T0 - 1}`)).json()) as AlertEpisode[];
    expect(none).toEqual([]);
    const one = (await (await api(`/alerts/${excursion.id}`)).json()) as AlertEpisode;
    expect(one.transitions).toEqual([{ to: 'open', at: T0 + 15 * 60_000 }]);
  });

  it('answers bad requests with a JSON error, never a stack', async () => {
    const bad = await api('/alerts?severity=huge');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('GIVRE_ERR_BAD_REQUEST');
    expect((await api('/alerts/al-unknown')).status).toBe(404);
    expect((await ack(excursion.id, { reason: 'because' })).status).toBe(400);
    expect((await ack('al-unknown', { reason: 'other' })).status).toBe(404);
  });

  it('acknowledges once, with who, why and a note', async () => {
    const res = await ack(excursion.id, {
      reason: 'product-moved',
      text: 'mis au surgélateur',
      by: 'Claire',
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as AlertEpisode).acknowledgement).toMatchObject({
      by: 'Claire',
      reason: 'product-moved',
    });
    expect((await ack(excursion.id, { reason: 'other' })).status).toBe(400);
  });

  it('replays to a reconnecting browser the transitions it missed, in order', async () => {
    const first: Socket<ServerToClientEvents> = connect(system.baseUrl, { transports: ['websocket'] });
    const snapshot = await new Promise<{ seq: number; alerts: AlertEpisode[] }>((resolve) =>
      first.once('alerts:snapshot', resolve),
    );
    first.close();
    expect(snapshot.alerts.map((a) => a.id)).toContain(excursion.id);
    // While that browser is away, the compartment recovers: the episode resolves.
    system.bus.emit('readings-stored', { van: 'VAN-07', readings: chilled('VAN-07', 40.5, 50, 3) });
    await waitFor(() => system.alerts.get(excursion.id)?.state === 'resolved');

    const again: Socket<ServerToClientEvents> = connect(system.baseUrl, {
      transports: ['websocket'],
      auth: { alertSeq: snapshot.seq },
    });
    const replayed: AlertNotice[] = [];
    again.on('alert:transition', (n) => replayed.push(n));
    try {
      await waitFor(() =>
        replayed.some((n) => n.episode.id === excursion.id && n.transition.to === 'resolved'),
      );
      expect(replayed.map((n) => n.seq)).toEqual([...replayed.map((n) => n.seq)].sort((a, b) => a - b));
      expect(replayed.every((n) => n.seq > snapshot.seq)).toBe(true);
    } finally {
      again.close();
    }
  });
});
