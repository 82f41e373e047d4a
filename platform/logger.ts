export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  child(component: string): Logger;
  /**
   * Logs at most once per `intervalMs` for a given key, then says how many were suppressed,
   * so that a flood of bad messages is visible without flooding the log.
   */
  rateLimited(
    key: string,
    level: Exclude<LogLevel, 'silent'>,
    message: string,
    fields?: Record<string, unknown>,
  ): void;
}

export interface LoggerOptions {
  level: LogLevel;
  component?: string;
  /** Where lines go; default stderr. */
  write?: (line: string) => void;
  /** Clock, ms; injectable for tests. */
  now?: () => number;
  /** Window of `rateLimited`, ms. */
  intervalMs?: number;
}

export function createLogger(options: LoggerOptions): Logger {
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const now = options.now ?? Date.now;
  const intervalMs = options.intervalMs ?? 10_000;
  const windows = new Map<string, { until: number; suppressed: number }>();

  const make = (component: string | undefined): Logger => {
    const log = (level: Exclude<LogLevel, 'silent'>, message: string, fields?: Record<string, unknown>) => {
      if (RANK[level] < RANK[options.level]) return;
      const extra = fields && Object.keys(fields).length > 0 ? ` ${JSON.stringify(fields)}` : '';
      const time = new Date(now()).toISOString();
      write(`${time} ${level.padEnd(5)} ${component ? `[${component}] ` : ''}${message}${extra}`);
    };
    return {
      debug: (m, f) => log('debug', m, f),
      info: (m, f) => log('info', m, f),
      warn: (m, f) => log('warn', m, f),
      error: (m, f) => log('error', m, f),
      child: (name) => make(component ? `${component}/${name}` : name),
      rateLimited: (key, level, message, fields) => {
        const t = now();
        const window = windows.get(key);
        if (window && t < window.until) {
          window.suppressed += 1;
          return;
        }
        const suppressed = window?.suppressed ?? 0;
        windows.set(key, { until: t + intervalMs, suppressed: 0 });
        log(level, suppressed > 0 ? `${message} (+${suppressed} similar suppressed)` : message, fields);
      },
    };
  };
  return make(options.component);
}
