import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.ts';

describe('logger', () => {
  it('rate-limits a flood per key and reports how many lines it held back', () => {
    const lines: string[] = [];
    let t = 0;
    const log = createLogger({ level: 'info', write: (l) => lines.push(l), now: () => t, intervalMs: 1000 });
    for (let i = 0; i < 50; i++) log.rateLimited('bad-json', 'warn', 'rejected bad-json');
    expect(lines).toHaveLength(1);
    t = 1500;
    log.rateLimited('bad-json', 'warn', 'rejected bad-json');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('(+49 similar suppressed)');
  });

  it('drops lines below its level', () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'warn', write: (l) => lines.push(l) });
    log.info('quiet');
    log.error('loud');
    expect(lines).toHaveLength(1);
  });
});
