// Composition root of `givre sim`: reads arguments and GIVRE_* config, builds the fleet,
// runs it until SIGINT/SIGTERM, then stops it cleanly (each van publishes `offline`).
import { loadConfig, mqttUrlOf } from '../platform/config.ts';
import { createLogger } from '../platform/logger.ts';
import { createFleet } from './fleet.ts';
import { parseSimArgs, SIM_HELP } from './sim-args.ts';

/** Longest a clean stop may take before the process gives up on it, ms. */
const STOP_TIMEOUT_MS = 10_000;
/** How often the running totals are logged, ms of wall time. */
const STATS_EVERY_MS = 60_000;

export async function runSim(argv: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const args = parseSimArgs(argv);
  if (args.help) {
    console.log(SIM_HELP);
    return;
  }
  const config = loadConfig(env);
  const logger = createLogger({ level: config.GIVRE_LOG_LEVEL, component: 'sim' });
  const url = args.url ?? mqttUrlOf(config);
  // With --credentials each van signs in as itself: the shared GIVRE_MQTT_* (often the
  // services' own, exported in the same shell) are not a fallback for any van.
  const username = args.credentials ? undefined : (args.username ?? config.GIVRE_MQTT_USERNAME);
  const password = args.credentials ? undefined : (args.password ?? config.GIVRE_MQTT_PASSWORD);
  const fleet = createFleet({
    vans: args.vans,
    ...(args.credentials ? { ids: Object.keys(args.credentials) } : {}),
    url,
    speed: args.speed,
    seed: args.seed,
    intervalS: args.intervalS,
    scenarios: args.scenarios,
    ...(username !== undefined ? { username } : {}),
    ...(password !== undefined ? { password } : {}),
    ...(args.credentials ? { credentials: args.credentials } : {}),
    ...(args.stateDir !== undefined ? { stateDir: args.stateDir } : {}),
    ...(args.maxBacklogReadings !== undefined ? { maxBacklogReadings: args.maxBacklogReadings } : {}),
    receipts: args.receipts,
    receiptTimeoutS: args.receiptTimeoutS,
    logger,
  });

  await fleet.start();
  console.log(
    `${args.vans} camionnette(s) simulée(s) → ${url} (×${args.speed}, graine/seed ${args.seed}, ` +
      `${args.intervalS} s) — Ctrl-C pour arrêter / to stop`,
  );
  const statsTimer = setInterval(() => logger.info('totals', { ...fleet.stats() }), STATS_EVERY_MS);
  statsTimer.unref();

  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    const onSignal = (s: NodeJS.Signals) => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(s);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
  clearInterval(statsTimer);
  logger.info(`${signal}: arrêt en cours / shutting down`);
  // A second signal during the stop means "now".
  const impatient = () => process.exit(130);
  process.once('SIGINT', impatient);
  process.once('SIGTERM', impatient);
  const giveUp = setTimeout(() => {
    logger.error(`stop took longer than ${STOP_TIMEOUT_MS} ms; exiting`);
    process.exit(1);
  }, STOP_TIMEOUT_MS);
  giveUp.unref();
  try {
    await fleet.stop();
  } finally {
    clearTimeout(giveUp);
    process.off('SIGINT', impatient);
    process.off('SIGTERM', impatient);
  }
  logger.info('stopped', { ...fleet.stats() });
  // Everything is closed and on disk. An MQTT.js client stopped while it was dialling a broker
  // that had not answered yet can keep its half-open socket (and so the process) alive: exit.
  process.exit(0);
}
