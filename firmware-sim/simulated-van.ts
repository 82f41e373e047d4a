import { ReceiptMessage, VanStatus } from '../core/messages.ts';
import { vanTopic } from '../core/topics.ts';
import { createLogger } from '../platform/logger.ts';
import { buildBatch } from './batch-builder.ts';
import { ackMessage, decodeAlert } from './cab-display.ts';
import { systemClock, within } from './clock.ts';
import { decodeForVan } from './decode-for-van.ts';
import { createMqttLink } from './mqtt-link.ts';
import { createForwarder, DEFAULT_RECEIPT_TIMEOUT_S, type Forwarder } from './forwarder.ts';
import { createPrng, deriveSeed } from './prng.ts';
import { DEFAULT_MAX_BACKLOG_READINGS, openReadingBacklog } from './reading-backlog.ts';
import { createRecordingSchedule } from './recording-schedule.ts';
import { networkDown, SCENARIOS } from './scenarios.ts';
import { bootSeq, createSeqCounter } from './seq-counter.ts';
import { readSeqState, writeSeqState } from './seq-state-file.ts';
import type { SimulatedVan, SimulatedVanOptions, VanStats } from './simulated-van-api.ts';
import type { VanLink } from './van-link.ts';
import { createVanModel } from './van-model.ts';
import { checkVanSettings } from './van-settings.ts';

/**
 * Longest wait at a clean stop for the receipts of what was sent, wall ms: ingest receipts a
 * van at most once a second and may be catching up; the whole stop stays within 10 s.
 */
const DEFAULT_DRAIN_TIMEOUT_MS = 5_000;

export type { SimulatedVan, SimulatedVanOptions, VanStats };

/**
 * One simulated van's firmware: records every interval (thermal model, doors, route, scenario),
 * keeps each recording in its store-and-forward backlog (a file with `backlogFile`) until
 * ingest's receipt says it is stored (or, with `receipts: false`, the broker's PUBACK) and
 * forwards it as soon as the broker is reachable, keeps its status
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
    receipts: vanTopic(van, 'receipts'),
  };
  const receipts = options.receipts ?? true;
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
  let forwarder: Forwarder | undefined; // opened at start: the backlog file is read then
  const openForwarder = () =>
    createForwarder({
      van,
      telemetryTopic: topics.telemetry,
      backlog: openReadingBacklog({
        maxReadings: options.maxBacklogReadings ?? DEFAULT_MAX_BACKLOG_READINGS,
        ...(options.backlogFile !== undefined ? { file: options.backlogFile } : {}),
      }),
      capacity: 1000,
      sendVia: () => (ready && link?.connected() ? link : undefined),
      log,
      ...(receipts
        ? { receipts: { timeoutMs: (options.receiptTimeoutS ?? DEFAULT_RECEIPT_TIMEOUT_S) * 1000, clock } }
        : {}),
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
      recorded += built.batch.readings.length;
      forwarder?.record(built.batch.readings);
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
      log.info('network back (scenario): forwarding the buffer', { buffered: forwarder?.buffered() });
      link?.restore();
    }
  }

  async function onConnect(): Promise<void> {
    if (!link) return;
    try {
      await link.subscribe(topics.alerts);
      // Before anything is sent: a receipt for what this connection sends must find the van listening.
      if (receipts) await link.subscribe(topics.receipts);
      await link.publish(topics.status, status('online'), { retain: true });
      ready = true;
      log.info('online', { buffered: forwarder?.buffered() });
      forwarder?.reconnected(); // what awaited a receipt goes again: the broker may have lost it
      void forwarder?.pump(); // the backlog, oldest first
    } catch (err) {
      log.warn('could not announce online', { error: (err as Error).message });
    } finally {
      announced?.();
      announced = undefined;
    }
  }

  function onMessage(topic: string, payload: Buffer): void {
    if (topic === topics.receipts && receipts) {
      const receipt = decodeForVan(ReceiptMessage, van, payload);
      if (receipt) forwarder?.receipt(receipt.seqs);
      else log.rateLimited('bad-receipt', 'warn', 'ignored an invalid message on the receipts topic');
      return;
    }
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
    const current = link;
    if (forwarder && current && ready && current.connected()) {
      await within(clock, forwarder.drain(), options.drainTimeoutMs ?? DEFAULT_DRAIN_TIMEOUT_MS);
      await within(clock, current.publish(topics.status, status('offline'), { retain: true }), 2000);
    }
    // Only now: the drain listens for receipts.
    for (const off of unlisten.splice(0)) off();
    ready = false;
    link = undefined;
    await current?.close();
    const kept = forwarder?.buffered() ?? 0;
    const lost = forwarder?.discard('van stopped') ?? 0;
    if (lost > 0) log.warn('stopped with unsent acknowledgements (lost)', { lost });
    if (kept - lost > 0 && options.backlogFile === undefined) {
      log.warn('stopped with readings not yet stored (lost: no backlog file)', { lost: kept - lost });
    }
    if (options.stateFile) await writeSeqState(options.stateFile, seq.peek());
  }

  return {
    van,
    async start() {
      if (started) throw new Error(`${van} is already started`);
      started = true;
      const persisted = options.stateFile ? await readSeqState(options.stateFile) : undefined;
      forwarder = openForwarder();
      const journalled = forwarder.nextSeq();
      // A backlog file knows the exact next seq (written with every recording, so never stale,
      // even after a SIGKILL): numbering then goes on without a jump, and downstream sees no
      // false gap at a restart. Without one, see bootSeq.
      firstSeq =
        options.seqStart ??
        (journalled !== undefined ? Math.max(journalled, persisted ?? 0) : bootSeq(clock.now(), persisted));
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
        await link.open().catch((err: unknown) => {
          // A van with a backlog file boots without network as a real one does: it records
          // into the file and keeps dialing. Without one, a wrong URL had better stop it.
          if (options.backlogFile === undefined || !link) throw err;
          log.warn('broker unreachable at start: recording into the backlog, redialing', {
            error: (err as Error).message,
            file: options.backlogFile,
          });
          link.restore();
          announced?.();
        });
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
      const via = forwarder;
      if (!via) throw new Error(`${van} is not started`);
      await new Promise<void>((resolve, reject) => {
        const settle = (err?: Error) => (err ? reject(err) : resolve());
        via.send({
          kind: 'ack',
          topic: topics.acks,
          payload: JSON.stringify(message),
          readings: 0,
          settle,
        });
      });
    },
    stats: () => ({
      ...(forwarder?.published() ?? { published: 0, readings: 0 }),
      buffered: forwarder?.buffered() ?? 0,
      recorded,
      dropped: forwarder?.dropped() ?? 0,
    }),
  };
}
