import { describe, expect, it } from 'vitest';
import { protocolRefusalOf } from './protocol-refusals.ts';

// The messages aedes 1.2 gives (lib/handlers/publish.js, lib/utils.js validateTopic).
describe('protocolRefusalOf', () => {
  it.each([
    ['# is not allowed in PUBLISH', 'publish-wildcard'],
    ['+ is not allowed in PUBLISH', 'publish-wildcard'],
    ['empty topic not allowed in PUBLISH', 'publish-empty-topic'],
    ['topic has too many levels', 'too-many-topic-levels'],
    ['# is only allowed in SUBSCRIBE in the last position', 'subscribe-malformed-filter'],
    ['impossible to SUBSCRIBE to an empty topic', 'subscribe-malformed-filter'],
    ['keep alive timeout', null],
  ])('%s → %s', (message, reason) => {
    expect(protocolRefusalOf(new Error(message))).toBe(reason);
  });
});
