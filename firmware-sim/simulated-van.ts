import { VanStatus } from '../core/messages.ts';
import { vanTopic } from '../core/topics.ts';
import { createLogger } from '../platform/logger.ts';
import { buildBatch } from './batch-builder.ts';
import { ackMessage, decodeAlert } from './cab-display.ts';
import { systemClock, within } from './clock.ts';
import { createMqttLink } from './mqtt-link.ts';
import { createForwarder } from './forwarder.ts';
import { createPrng, deriveSeed } from './prng.ts';
import { createRecordingSchedule } from './recording-schedule.ts';
import { networkDown, SCENARIOS } from './scenarios.ts';
import { bootSeq, createSeqCounter } from './seq-counter.ts';
import { readSeqState, writeSeqState } from './seq-state-file.ts';
import type { SimulatedVan, SimulatedVanOptions, VanStats } from './simulated-van-api.ts';
import type { VanLink } from './van-link.ts';
import { createVanModel } from './van-model.ts';
import { checkVanSettings } from './van-settings.ts';

export type { SimulatedVan, SimulatedVanOptions, VanStats };

/**
 * One simulated van's firmware: records every interval (thermal model, doors, route, scenario),
 * publishes each recording as one telemetry batch through store-and-forward, keeps its status
 * retained (`online` at connect, `offline` as the will and at stop), shows alerts in the cab and
 * sends the driver's acknowledgements.
 */
export function createSimulatedVan(options: SimulatedVanOptions): SimulatedVan {
  const settings = checkVanSettings(options);
  const { van } = settings;
  const scenario = SCENARIOS[settings.scenario];
  const clock = options.clock ?? systemClock;
  const log = options.logger ?? createLogger({ level: 'warn', component: van });
  const topics = {
    telemetry: vanTopic(van, 'telemetry'),
    status: vanTopic(van, 'status'),
    alerts: vanTopic(van, 'alerts'),
    acks: vanTopic(van, 'acks'),
  };
  const model = createVanModel({
    van,
    scenario,
    rng: createPrng(deriveSeed(settings.seed, 'physics')),
    ...(options.ambientC !== undefined ? { ambientC: options.ambientC } : {}),
  });
  const sensorRng = createPrng(deriveSeed(settings.seed, 'sensors'));
  let recorded = 0;
  let seq = createSeqCounter(0);
  let link: VanLink | undefined;
  let ready = false; // connected and `online` announced
  let cut = false; // inside a network-outage window
  let started = false;
  let announced: (() => void) | undefined; // resolves start() once `online` is out
  const unlisten: Array<() => void> = [];
  const forwarder = createForwarder({
    capacity: options.maxBuffered ?? 10_000,
    sendVia: () => (ready && link?.connected() ? link : undefined),
    log,
  });

  const schedule = createRecordingSchedule({
    clock,
    speed: settings.speed,
    intervalS: settings.intervalS,
    onTick: (_index, tS) => record(tS),
  });
  let firstSeq = 0; // of this boot, announced with `online` so the jump to it is no gap
  const status = (state: 'online' | 'offline') =>
    JSON.stringify(
      VanStatus.parse({
        v: 1,
        van,
        state,
        ts: schedule.deviceNow(),
        ...(state === 'online' ? { bootSeq: firstSeq } : {}),
      }),
    );

  function record(tS: number): void {
    const built = buildBatch(model.advanceTo(tS), {
      van,
      bootDeviceMs: schedule.bootDeviceMs(),
      scenario,
      rng: sensorRng,
      seq,
    });
    if (!built.ok) {
      log.rateLimited('invalid-batch', 'error', 'recorded batch fails the contract; not sent', {
        error: built.error,
      });
    } else {
      const n = built.batch.readings.length;
      recorded += n;
      forwarder.send({
        kind: 'telemetry',
        topic: topics.telemetry,
        payload: JSON.stringify(built.batch),
        readings: n,
      });
    }
    followNetworkScenario(tS);
  }

  function followNetworkScenario(tS: number): void {
    const down = networkDown(scenario, tS);
    if (down && !cut) {
      cut = true;
      ready = false;
      log.warn('network lost (scenario): recording into the buffer', {
        deviceTime: new Date(schedule.deviceNow()).toISOString(),
      });
      link?.cut();
    } else if (!down && cut) {
      cut = false;
      log.info('network back (scenario): forwarding the buffer', { buffered: forwarder.buffered() });
      link?.restore();
    }
  }

  async function onConnect(): Promise<void> {
    if (!link) return;
    try {
      await link.subscribe(topics.alerts);
      await link.publish(topics.status, status('online'), { retain: true });
      ready = true;
      log.info('online', { buffered: forwarder.buffered() });
      void forwarder.pump(); // the backlog, oldest first
    } catch (err) {
      log.warn('could not announce online', { error: (err as Error).message });
    } finally {
      announced?.();
      announced = undefined;
    }
  }

  function onMessage(topic: string, payload: Buffer): void {
    if (topic !== topics.alerts) return;
    const alert = decodeAlert(van, payload);
    if (!alert) {
      log.rateLimited('bad-alert', 'warn', 'ignored an invalid message on the alerts topic');
      return;
    }
    log.info('alert received / alerte reçue', {
      id: alert.id,
      kind: alert.kind,
      severity: alert.severity,
      state: alert.state,
      ...(alert.compartment ? { compartment: alert.compartment } : {}),
    });
    options.onAlert?.(alert);
  }

  async function shutdown(): Promise<void> {
    schedule.stop();
    for (const off of unlisten.splice(0)) off();
    const current = link;
    if (current && ready && current.connected()) {
      await within(clock, forwarder.pump(), options.drainTimeoutMs ?? 2000);
      await within(clock, current.publish(topics.status, status('offline'), { retain: true }), 2000);
    }
    ready = false;
    link = undefined;
    await current?.close();
    const lost = forwarder.discard('van stopped');
    if (lost > 0) log.warn('stopped with unsent messages (lost)', { lost });
    if (options.stateFile) await writeSeqState(options.stateFile, seq.peek());
  }

  return {
    van,
    async start() {
      if (started) throw new Error(`${van} is already started`);
      started = true;
      const persisted = options.stateFile ? await readSeqState(options.stateFile) : undefined;
      firstSeq = options.seqStart ?? bootSeq(clock.now(), persisted);
      seq = createSeqCounter(firstSeq);
      const will = () => ({ topic: topics.status, payload: status('offline') });
      link = options.link
        ? options.link(will)
        : createMqttLink({
            url: settings.url,
            clientId: `givre-${van}`,
            ...(options.username !== undefined ? { username: options.username } : {}),
            ...(options.password !== undefined ? { password: options.password } : {}),
            will,
            logger: log,
          });
      const online = new Promise<void>((resolve) => (announced = resolve));
      unlisten.push(link.onConnect(() => void onConnect()));
      unlisten.push(link.onMessage(onMessage));
      schedule.start();
      try {
        await link.open();
        await online;
      } catch (err) {
        started = false;
        await shutdown();
        throw err;
      }
    },
    async stop() {
      if (!started) return;
      started = false;
      await shutdown();
    },
    async acknowledge(alertId, reason, text) {
      if (!started) throw new Error(`${van} is not started`);
      const message = ackMessage(van, alertId, reason, schedule.deviceNow(), text);
      await new Promise<void>((resolve, reject) => {
        const settle = (err?: Error) => (err ? reject(err) : resolve());
        forwarder.send({
          kind: 'ack',
          topic: topics.acks,
          payload: JSON.stringify(message),
          readings: 0,
          settle,
        });
      });
    },
    stats: () => ({
      ...forwarder.published(),
      buffered: forwarder.buffered(),
      recorded,
      dropped: forwarder.dropped(),
    }),
  };
}
