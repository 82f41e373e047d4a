import type { Logger } from './logger.ts';

/**
 * Stops the process cleanly on SIGINT/SIGTERM: runs `stop` (ordered: intake, drain, flush,
 * close) within `timeoutMs`, then exits. A second signal exits at once.
 */
export function onShutdown(stop: () => Promise<void>, logger: Logger, timeoutMs = 10_000): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(130);
    stopping = true;
    logger.info(`${signal}: arrêt en cours / shutting down`);
    const timer = setTimeout(() => {
      logger.error(`shutdown took longer than ${timeoutMs} ms; exiting`);
      process.exit(1);
    }, timeoutMs);
    timer.unref();
    stop().then(
      () => process.exit(0),
      (err: Error) => {
        logger.error('error while shutting down', { error: err.message });
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}
