import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import type { RunningSystem } from '../cli/givre-system.ts';

export interface ThroughputResult {
  readings: number;
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
export async function measureIngest(
  system: RunningSystem,
  shape: Shape & { runId: number; flush?: () => Promise<void> },
): Promise<ThroughputResult> {
  const total = shape.vans * shape.messagesPerVan * shape.readingsPerMessage;
  const before = await system.store.count();
  const publisher = spawn(
    process.execPath,
    [
      resolve('bin/run-ts.js'),
      'bench/publisher.ts',
      system.mqttUrl,
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
  for (;;) {
    await shape.flush?.();
    if ((await system.store.count()) - before >= total) break;
    if (publisher.exitCode !== null && publisher.exitCode !== 0) throw new Error('publisher failed');
    await new Promise((r) => setTimeout(r, 20));
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await exited;
  const messages = shape.vans * shape.messagesPerVan;
  return {
    readings: total,
    messages,
    seconds,
    readingsPerSecond: total / seconds,
    messagesPerSecond: messages / seconds,
  };
}
