// The part of qlobber 8 (the topic matcher of aedes and aedes-persistence) that
// sqlite-persistence.ts uses: it ships no types.

declare module 'qlobber' {
  export interface QlobberOptions {
    separator?: string;
    wildcard_one?: string;
    wildcard_some?: string;
  }
  /** Topic filters only: does any filter added match a topic. */
  export class QlobberTrue {
    constructor(options?: QlobberOptions);
    add(filter: string): this;
    test(topic: string): boolean;
  }
}

declare module 'qlobber/aedes/qlobber-sub.js' {
  import type { QlobberOptions } from 'qlobber';

  export interface SubscriptionValue {
    clientId: string;
    topic: string;
    qos: number;
    rh?: number | undefined;
    rap?: boolean | undefined;
    nl?: boolean | undefined;
  }
  /** aedes' subscription trie: one value per client and filter; `match` returns them with the filter. */
  export default class QlobberSub {
    constructor(options?: QlobberOptions);
    readonly subscriptionsCount: number;
    add(filter: string, value: SubscriptionValue): this;
    remove(filter: string, value: Pick<SubscriptionValue, 'clientId' | 'topic'>): this;
    match(topic: string): SubscriptionValue[];
  }
}
