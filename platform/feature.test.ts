import { describe, expect, it } from 'vitest';
import { feature, startFeatures } from './feature.ts';
import { createLogger } from './logger.ts';

const logger = createLogger({ level: 'silent' });

describe('startFeatures', () => {
  it('starts in the order given and stops in reverse order', async () => {
    const log: string[] = [];
    const stop = await startFeatures(
      ['store', 'engine', 'intake'].map((n) =>
        feature(
          n,
          () => void log.push(`start ${n}`),
          () => void log.push(`stop ${n}`),
        ),
      ),
      logger,
    );
    await stop();
    expect(log).toEqual([
      'start store',
      'start engine',
      'start intake',
      'stop intake',
      'stop engine',
      'stop store',
    ]);
    await stop();
    expect(log).toHaveLength(6); // stopping twice stops nothing twice
  });

  it('when one fails to start, stops those already started and rethrows; a failing stop does not stop the others', async () => {
    const log: string[] = [];
    await expect(
      startFeatures(
        [
          feature(
            'a',
            () => void log.push('start a'),
            () => void log.push('stop a'),
          ),
          feature(
            'b',
            () => void log.push('start b'),
            () => {
              throw new Error('b will not stop');
            },
          ),
          feature('c', () => {
            throw new Error('c cannot start');
          }),
        ],
        logger,
      ),
    ).rejects.toThrow('c cannot start');
    expect(log).toEqual(['start a', 'start b', 'stop a']);
  });
});
