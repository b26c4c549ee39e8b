import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalStorage } from './local-storage';
import { parseRange } from './range';
import { UrlSigner } from './signed-urls';
import { ObjectTooLargeError } from './storage';

let root: string;
let storage: LocalStorage;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'dongne-storage-'));
  storage = new LocalStorage(root);
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('local storage', () => {
  it('puts buffers and streams, reads them back whole or by range, stats and deletes', async () => {
    await storage.put('media/a/one.txt', Buffer.from('hello world'), { contentType: 'text/plain' });
    await storage.put('media/a/two.webp', Readable.from([Buffer.from('abc'), Buffer.from('def')]), { contentType: 'image/webp' });
    expect(await storage.stat('media/a/two.webp')).toEqual({ size: 6, contentType: 'image/webp' });
    const whole = await storage.get('media/a/one.txt');
    expect(await text(whole!.body)).toBe('hello world');
    const part = await storage.get('media/a/one.txt', { start: 6, end: 100 });
    expect(part!.range).toEqual({ start: 6, end: 10 });
    expect(await text(part!.body)).toBe('world');
    await storage.delete('media/a/one.txt');
    expect(await storage.get('media/a/one.txt')).toBeUndefined();
    await storage.delete('media/a/one.txt');
    await storage.deletePrefix('media/a/');
    expect(await storage.stat('media/a/two.webp')).toBeUndefined();
  });

  it('refuses an object over maxBytes and leaves nothing behind', async () => {
    const big = Readable.from([Buffer.alloc(600), Buffer.alloc(600)]);
    await expect(storage.put('media/b/big.mp4', big, { contentType: 'video/mp4', maxBytes: 1000 })).rejects.toBeInstanceOf(ObjectTooLargeError);
    expect(await storage.stat('media/b/big.mp4')).toBeUndefined();
    expect(await readdir(path.join(root, 'media', 'b'))).toEqual([]);
  });

  it('refuses keys that could leave its directory', async () => {
    for (const key of ['../etc/passwd', '/abs', 'media/../x', 'Media/A', 'media//x', 'media/./x']) {
      await expect(storage.put(key, Buffer.from('x'), { contentType: 'text/plain' }), key).rejects.toThrow(/invalid storage key/);
    }
    await expect(storage.deletePrefix('media')).rejects.toThrow(/ends with/);
  });
});

describe('range headers', () => {
  it('parses single byte ranges', () => {
    expect(parseRange(undefined, 100)).toBeUndefined();
    expect(parseRange('bytes=0-9', 100)).toEqual({ start: 0, end: 9 });
    expect(parseRange('bytes=90-', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=-10', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=50-500', 100)).toEqual({ start: 50, end: 99 });
    expect(parseRange('bytes=100-', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=9-3', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=0-1,5-6', 100)).toBeUndefined();
  });
});

describe('url signer', () => {
  const signer = new UrlSigner('a-secret-that-is-long-enough-for-tests');
  const now = new Date('2025-01-01T00:00:00Z');
  const later = new Date(now.getTime() + 3600_000);

  it('accepts its own signature for the same scope and user until it expires', () => {
    const signature = signer.sign('/api/media/x/hls/', 'user-1', later);
    expect(signer.verify('/api/media/x/hls/', signature, now)).toBe(true);
    expect(signer.verify('/api/media/x/hls/', signature, new Date(later.getTime() + 1000))).toBe(false);
    expect(signer.verify('/api/media/y/hls/', signature, now)).toBe(false);
    expect(signer.verify('/api/media/x/hls/', { ...signature, u: 'user-2' }, now)).toBe(false);
    expect(signer.verify('/api/media/x/hls/', { ...signature, exp: signature.exp + 60 }, now)).toBe(false);
    expect(signer.verify('/api/media/x/hls/', { ...signature, sig: signature.sig.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) }, now)).toBe(false);
    expect(signer.verify('/api/media/x/hls/', {}, now)).toBe(false);
    expect(new UrlSigner('another-secret-that-is-long-enough').verify('/api/media/x/hls/', signature, now)).toBe(false);
  });
});
