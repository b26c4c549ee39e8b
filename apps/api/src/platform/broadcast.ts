import { Redis } from 'ioredis';

/**
 * Fire-and-forget messages to every API process (cache invalidation). In one process the
 * handlers run in memory; with REDIS_URL the message also goes through Redis pub/sub.
 */
export interface Broadcast {
  publish(channel: string, message: string): Promise<void>;
  subscribe(channel: string, handler: (message: string) => void): void;
  close(): Promise<void>;
}

export class LocalBroadcast implements Broadcast {
  private readonly handlers = new Map<string, Set<(message: string) => void>>();

  async publish(channel: string, message: string) {
    for (const handler of this.handlers.get(channel) ?? []) handler(message);
  }

  subscribe(channel: string, handler: (message: string) => void) {
    const set = this.handlers.get(channel) ?? new Set();
    set.add(handler);
    this.handlers.set(channel, set);
  }

  async close() {
    this.handlers.clear();
  }
}

export class RedisBroadcast implements Broadcast {
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly local = new LocalBroadcast();

  constructor(url: string) {
    this.publisher = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 2 });
    this.subscriber = new Redis(url, { lazyConnect: false });
    // Redis going away must not take the API down: messages still reach this process.
    this.publisher.on('error', () => undefined);
    this.subscriber.on('error', () => undefined);
    this.subscriber.on('message', (channel: string, message: string) => {
      void this.local.publish(channel, message);
    });
  }

  async publish(channel: string, message: string) {
    await this.local.publish(channel, message);
    await this.publisher.publish(channel, message).catch(() => undefined);
  }

  subscribe(channel: string, handler: (message: string) => void) {
    this.local.subscribe(channel, handler);
    void this.subscriber.subscribe(channel).catch(() => undefined);
  }

  async close() {
    await this.local.close();
    this.publisher.disconnect();
    this.subscriber.disconnect();
  }
}

export const createBroadcast = (redisUrl: string | undefined): Broadcast =>
  redisUrl ? new RedisBroadcast(redisUrl) : new LocalBroadcast();
