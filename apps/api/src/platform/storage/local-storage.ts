import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { randomBytes } from 'node:crypto';
import {
  assertKey,
  contentTypeOfKey,
  ObjectTooLargeError,
  type ByteRange,
  type PutOptions,
  type Storage,
  type StoredObject,
  type StoredStream,
} from './storage';

/**
 * Files under one directory (`DATA_DIR/media` by default). Writes go to a temporary file in
 * the same directory and are renamed into place, so a reader sees the whole object or none.
 */
export class LocalStorage implements Storage {
  readonly driver = 'local' as const;

  constructor(private readonly root: string) {}

  private pathOf(key: string): string {
    assertKey(key);
    return path.join(this.root, ...key.split('/'));
  }

  localPath(key: string): string {
    return this.pathOf(key);
  }

  async put(key: string, body: Buffer | Readable, options: PutOptions): Promise<StoredObject> {
    const target = this.pathOf(key);
    await mkdir(path.dirname(target), { recursive: true });
    const temporary = `${target}.${randomBytes(6).toString('hex')}.part`;
    let size = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        if (options.maxBytes !== undefined && size > options.maxBytes) return done(new ObjectTooLargeError(options.maxBytes));
        done(null, chunk);
      },
    });
    try {
      await pipeline(Buffer.isBuffer(body) ? Readable.from([body]) : body, counter, createWriteStream(temporary, { mode: 0o640 }));
      await rename(temporary, target);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    return { size, contentType: options.contentType };
  }

  async stat(key: string): Promise<StoredObject | undefined> {
    try {
      const info = await stat(this.pathOf(key));
      return info.isFile() ? { size: info.size, contentType: contentTypeOfKey(key) } : undefined;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async get(key: string, range?: ByteRange): Promise<StoredStream | undefined> {
    const object = await this.stat(key);
    if (!object) return undefined;
    const file = this.pathOf(key);
    if (!range) return { ...object, body: createReadStream(file) };
    const end = Math.min(range.end, object.size - 1);
    return { ...object, body: createReadStream(file, { start: range.start, end }), range: { start: range.start, end } };
  }

  async delete(key: string): Promise<void> {
    await unlink(this.pathOf(key)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }

  async deletePrefix(prefix: string): Promise<void> {
    assertKey(prefix, { prefix: true });
    await rm(path.join(this.root, ...prefix.replace(/\/$/, '').split('/')), { recursive: true, force: true });
  }
}
