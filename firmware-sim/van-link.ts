/** What the van's firmware needs from its network connection; mqtt-link.ts is the real one. */
export interface VanLink {
  /** Dials the broker; resolves at the first CONNACK, rejects on an error before it. */
  open(): Promise<void>;
  connected(): boolean;
  /** Publishes at QoS 1; resolves when the broker acknowledges (PUBACK). */
  publish(topic: string, payload: string, options?: { retain?: boolean }): Promise<void>;
  /** Subscribes at QoS 1 (again after every connect: sessions are clean). */
  subscribe(topic: string): Promise<void>;
  /** Each (re)connection; the returned function removes the listener. */
  onConnect(listener: () => void): () => void;
  onMessage(listener: (topic: string, payload: Buffer) => void): () => void;
  /**
   * Simulates losing the network: the connection drops without DISCONNECT, so the broker
   * publishes the last will, and nothing redials until `restore()`. Publishes in flight fail.
   */
  cut(): void;
  restore(): void;
  /** Disconnects cleanly (no will) and releases the connection. */
  close(): Promise<void>;
}

/** The retained last will, composed at each dial (its `ts` is the device time of that dial). */
export interface LinkWill {
  topic: string;
  payload: string;
}
