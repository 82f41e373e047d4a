import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

export interface ThroughputResult {
  /** Readings stored (of those sent). */
  readings: number;
  /** Readings sent that never arrived: the pipeline stopped storing with these missing. */
  lost: number;
  messages: number;
  seconds: number;
  readingsPerSecond: number;
  messagesPerSecond: number;
}

export interface Shape {
  vans: number;
  messagesPerVan: number;
  readingsPerMessage: number;
}

/**
 * Starts `bench/publisher.ts` in a child process (`vans` MQTT.js clients publishing QoS 1
 * telemetry) and measures until every reading is stored and queryable: MQTT, validation,
 * de-duplication and storage all included.
 */
/** A pipeline under measure: where vans publish, and how many readings it has stored so far. */
/** Seconds without a new stored reading, after the publisher is done, before giving up. */
const STALL_S = 10;

export interface Pipeline {
  mqttUrl: string;
  stored(): Promise<number>;
}

export async function measureIngest(
  pipeline: Pipeline,
  shape: Shape & { runId: number },
): Promise<ThroughputResult> {
  const total = shape.vans * shape.messagesPerVan * shape.readingsPerMessage;
  const before = await pipeline.stored();
  const publisher = spawn(
    process.execPath,
    [
      resolve('bin/run-ts.js'),
      'bench/publisher.ts',
      pipeline.mqttUrl,
      String(shape.runId),
      String(shape.vans),
      String(shape.messagesPerVan),
      String(shape.readingsPerMessage),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = new Promise<number | null>((r) => publisher.once('exit', r));
  // The clock starts when the vans are connected and their payloads built (the child says so).
  await new Promise<void>((resolveReady, reject) => {
    publisher.stdout?.on('data', (d: Buffer) => {
      if (d.toString().includes('ready')) resolveReady();
    });
    publisher.once('exit', (code) => reject(new Error(`publisher exited (${code}) before it was ready`)));
  });
  const started = process.hrtime.bigint();
  const elapsed = () => Number(process.hrtime.bigint() - started) / 1e9;
  // A pipeline that drops messages never reaches the total: once the publisher is done and
  // nothing new is stored for STALL_S, what is missing is counted as lost.
  let stored = 0;
  let progressAt = 0;
  for (;;) {
    const now = (await pipeline.stored()) - before;
    if (now !== stored) [stored, progressAt] = [now, elapsed()];
    if (stored >= total) break;
    if (publisher.exitCode !== null && publisher.exitCode !== 0) throw new Error('publisher failed');
    if (publisher.exitCode !== null && elapsed() - progressAt > STALL_S) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  await exited;
  const seconds = progressAt;
  const messages = (shape.vans * shape.messagesPerVan * stored) / total;
  return {
    readings: stored,
    lost: total - stored,
    messages,
    seconds,
    readingsPerSecond: stored / seconds,
    messagesPerSecond: messages / seconds,
  };
}
