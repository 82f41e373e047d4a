import { describe, expect, it } from 'vitest';
import { isIntakeTopic } from './intake.ts';

describe('the topics ingest takes (INTAKE_FILTERS)', () => {
  it.each([
    ['givre/v1/vans/VAN-01/telemetry', true],
    ['givre/v1/vans/VAN-01/status', true],
    ['givre/v1/vans/VAN-01/acks', true],
    ['givre/v1/ops/commands', true],
    // What ingest itself publishes passes the broker at once.
    ['givre/v1/vans/VAN-01/alerts', false],
    ['givre/v1/ops/alerts', false],
    ['givre/v1/ops/fleet/VAN-01', false],
    ['givre/v1/ops/replies/dash-1', false],
    // `+` is one whole level: neither two levels nor a prefix or suffix of one.
    ['givre/v1/vans/VAN-01/x/telemetry', false],
    ['givre/v1/vans/VAN-01/telemetry/more', false],
    ['givre/v1/vans/VAN-01/telemetryx', false],
    ['givre/v1/vans/telemetry', false],
    ['givre/v1/ops/commands/x', false],
    ['givre/v1/ops/command', false],
    ['', false],
  ])('%s → %s', (topic, taken) => {
    expect(isIntakeTopic(topic)).toBe(taken);
  });
});
