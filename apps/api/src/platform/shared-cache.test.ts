import { describe, expect, it } from 'vitest';
import { LocalBroadcast } from './broadcast';
import { SharedCache } from './shared-cache';

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('SharedCache', () => {
  it('loads once and serves the value from memory until it is forgotten', async () => {
    const cache = new SharedCache<string>('t', new LocalBroadcast(), { ttlMs: 60_000, maxEntries: 10 });
    let loads = 0;
    const load = async () => `v${++loads}`;
    expect(await cache.get('a', load)).toBe('v1');
    expect(await cache.get('a', load)).toBe('v1');
    await cache.forget('a');
    expect(await cache.get('a', load)).toBe('v2');
  });

  it('forgets in every process that shares the broadcast', async () => {
    const broadcast = new LocalBroadcast();
    const nodeA = new SharedCache<string>('t', broadcast, { ttlMs: 60_000, maxEntries: 10 });
    const nodeB = new SharedCache<string>('t', broadcast, { ttlMs: 60_000, maxEntries: 10 });
    let version = 1;
    const load = async () => `v${version}`;
    expect(await nodeB.get('a', load)).toBe('v1');
    version = 2;
    await nodeA.forget('a');
    expect(await nodeB.get('a', load)).toBe('v2');
  });

  it('does not keep a value whose load began before a forget (it may be stale)', async () => {
    const cache = new SharedCache<string>('t', new LocalBroadcast(), { ttlMs: 60_000, maxEntries: 10 });
    const slow = deferred<string>();
    const pending = cache.get('a', () => slow.promise);
    await cache.forget('a');
    slow.resolve('old');
    expect(await pending).toBe('old');
    expect(await cache.get('a', async () => 'new')).toBe('new');
  });

  it('keeps no failed load', async () => {
    const cache = new SharedCache<string>('t', new LocalBroadcast(), { ttlMs: 60_000, maxEntries: 10 });
    await expect(cache.get('a', () => Promise.reject(new Error('gone')))).rejects.toThrow('gone');
    expect(cache.size).toBe(0);
    expect(await cache.get('a', async () => 'back')).toBe('back');
  });

  it('expires entries after the ttl and evicts the oldest beyond maxEntries', async () => {
    let now = 0;
    const cache = new SharedCache<string>('t', new LocalBroadcast(), { ttlMs: 1000, maxEntries: 2, now: () => now });
    await cache.get('a', async () => 'a1');
    now = 999;
    expect(await cache.get('a', async () => 'a2')).toBe('a1');
    now = 1000;
    expect(await cache.get('a', async () => 'a3')).toBe('a3');
    await cache.get('b', async () => 'b1');
    await cache.get('c', async () => 'c1');
    expect(cache.size).toBe(2);
    expect(await cache.get('a', async () => 'a4')).toBe('a4');
  });
});
