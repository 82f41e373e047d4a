/**
 * A small Prometheus registry: counters and gauges with labels, rendered in the text
 * exposition format (version 0.0.4) for `GET /metrics`. Metric names are `givre_*`.
 */
export type Labels = Record<string, string>;

interface Series {
  labels: Labels;
  value: number;
}

interface Family {
  name: string;
  help: string;
  type: 'counter' | 'gauge';
  series: Map<string, Series>;
  collect?: () => Array<{ labels?: Labels; value: number }>;
}

export interface Counter {
  inc(labels?: Labels, by?: number): void;
  get(labels?: Labels): number;
}

export interface Gauge {
  set(value: number, labels?: Labels): void;
  get(labels?: Labels): number;
}

export class MetricsRegistry {
  private readonly families = new Map<string, Family>();

  counter(name: string, help: string): Counter {
    const family = this.family(name, help, 'counter');
    return {
      inc: (labels = {}, by = 1) => {
        const key = keyOf(labels);
        const series = family.series.get(key);
        if (series) series.value += by;
        else family.series.set(key, { labels, value: by });
      },
      get: (labels = {}) => family.series.get(keyOf(labels))?.value ?? 0,
    };
  }

  gauge(name: string, help: string): Gauge {
    const family = this.family(name, help, 'gauge');
    return {
      set: (value, labels = {}) => {
        family.series.set(keyOf(labels), { labels, value });
      },
      get: (labels = {}) => family.series.get(keyOf(labels))?.value ?? 0,
    };
  }

  /** A gauge whose values are read when `/metrics` is scraped (queue depth, connected clients). */
  collectedGauge(name: string, help: string, collect: () => Array<{ labels?: Labels; value: number }>): void {
    this.family(name, help, 'gauge').collect = collect;
  }

  render(): string {
    const lines: string[] = [];
    for (const family of this.families.values()) {
      lines.push(`# HELP ${family.name} ${family.help}`, `# TYPE ${family.name} ${family.type}`);
      const series = family.collect
        ? family.collect().map((s) => ({ labels: s.labels ?? {}, value: s.value }))
        : [...family.series.values()];
      for (const s of series) lines.push(`${family.name}${renderLabels(s.labels)} ${s.value}`);
    }
    return `${lines.join('\n')}\n`;
  }

  private family(name: string, help: string, type: Family['type']): Family {
    const existing = this.families.get(name);
    if (existing) {
      if (existing.type !== type) throw new Error(`metric ${name} already registered as ${existing.type}`);
      return existing;
    }
    const family: Family = { name, help, type, series: new Map() };
    this.families.set(name, family);
    return family;
  }
}

function keyOf(labels: Labels): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join(',');
}

function renderLabels(labels: Labels): string {
  const keys = Object.keys(labels);
  if (keys.length === 0) return '';
  const body = keys.map(
    (k) => `${k}="${String(labels[k]).replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`,
  );
  return `{${body.join(',')}}`;
}
