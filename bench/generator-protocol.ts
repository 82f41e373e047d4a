/** One bench van: its client id (and username), its secret where the broker asks for one, its next seq. */
export interface GeneratorVan {
  id: string;
  password?: string;
  nextSeq: number;
}

/** What bench/generator.ts is started with (argv[2], JSON). */
export interface GeneratorArgs {
  url: string;
  vans: GeneratorVan[];
  readingsPerMessage: number;
  /** Publishing time after `go`, ms. */
  durationMs: number;
  /** Messages in flight per van (published, PUBACK not yet received). */
  window: number;
  /** Device time of each van's first recording in this run, ms (bench/telemetry.ts). */
  t0: number;
}

/** What it sends back when its vans are done. Counts are readings unless named messages. */
export interface GeneratorReport {
  type: 'done';
  messages: number;
  published: number;
  /** Readings whose message got its PUBACK. */
  acknowledged: number;
  /** Readings whose publish failed (connection lost). */
  failed: number;
  /** Epoch ms. */
  firstPublishAt: number;
  lastPublishAt: number;
  lastAckAt: number;
  /** CPU seconds this process used publishing (process.cpuUsage). */
  cpuSeconds: number;
  /** Each van's next seq, for the next run. */
  nextSeq: Record<string, number>;
}
