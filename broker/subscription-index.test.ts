import { describe, expect, it } from 'vitest';
import { SubscriptionIndex } from './subscription-index.ts';

const topic = 'givre/v1/vans/VAN-01/telemetry';
const clients = (index: SubscriptionIndex, t = topic) => index.matching(t).map((s) => s.clientId);

describe('the persistent sessions’ subscription index', () => {
  it('answers a topic asked again as the subscriptions stand now, after each change', () => {
    const index = new SubscriptionIndex([]);
    expect(clients(index)).toEqual([]);
    index.add('watcher', [{ topic: 'givre/v1/vans/+/telemetry', qos: 1 }]);
    expect(clients(index)).toEqual(['watcher']);
    expect(clients(index)).toEqual(['watcher']);
    index.add('tool', [{ topic: 'givre/v1/vans/#', qos: 1 }]);
    expect(clients(index).sort()).toEqual(['tool', 'watcher']);
    index.add('watcher', [{ topic: 'givre/v1/vans/+/telemetry', qos: 0 }]); // QoS 0: not queued
    expect(clients(index)).toEqual(['tool']);
    index.remove('tool', ['givre/v1/vans/#']);
    expect(clients(index)).toEqual([]);
    index.add('tool', [{ topic: '#', qos: 1 }]);
    expect(clients(index)).toEqual(['tool']);
    expect(clients(index, '$GIVRE/dropped')).toEqual([]);
    index.clean('tool');
    expect(clients(index)).toEqual([]);
  });

  it('stays right past the topics it keeps', () => {
    const index = new SubscriptionIndex([{ client_id: 'watcher', topic: 'givre/v1/vans/+/status', qos: 1 }]);
    for (let i = 0; i < 60_000; i++) index.matching(`givre/v1/vans/VAN-${i}/telemetry`);
    expect(clients(index, 'givre/v1/vans/VAN-7/status')).toEqual(['watcher']);
    expect(clients(index, 'givre/v1/vans/VAN-7/telemetry')).toEqual([]);
  });
});
