import { describe, expect, it } from 'vitest';
import { MetricsRegistry } from './metrics.ts';

describe('MetricsRegistry', () => {
  it('renders counters by label in Prometheus text format', () => {
    const registry = new MetricsRegistry();
    const rejected = registry.counter('givre_ingest_rejected_total', 'Messages refused, by reason.');
    rejected.inc({ reason: 'bad-json' });
    rejected.inc({ reason: 'bad-json' });
    rejected.inc({ reason: 'schema' }, 3);
    const text = registry.render();
    expect(text).toContain('# TYPE givre_ingest_rejected_total counter');
    expect(text).toContain('givre_ingest_rejected_total{reason="bad-json"} 2');
    expect(text).toContain('givre_ingest_rejected_total{reason="schema"} 3');
    expect(rejected.get({ reason: 'bad-json' })).toBe(2);
  });

  it('reads collected gauges at scrape time and escapes label values', () => {
    const registry = new MetricsRegistry();
    let depth = 1;
    registry.collectedGauge('givre_queue_depth', 'Queued items.', () => [
      { labels: { q: 'a"b' }, value: depth },
    ]);
    depth = 7;
    expect(registry.render()).toContain('givre_queue_depth{q="a\\"b"} 7');
  });
});
