import type { Readable } from 'node:stream';

/** An inclusive byte range, as HTTP Range headers name it. */
export interface ByteRange {
  start: number;
  end: number;
}

export interface StoredObject {
  size: number;
  contentType: string;
}

export interface StoredStream extends StoredObject {
  body: Readable;
  /** The range actually served (absent: the whole object). */
  range?: ByteRange;
}

export interface PutOptions {
  contentType: string;
  /** Refuse (and store nothing) once the body passes this many bytes: `put` rejects with ObjectTooLargeError. */
  maxBytes?: number;
}

/**
 * Where media bytes live. Keys are relative paths of lower-case letters, digits, `.`, `_`, `-`
 * and `/` (`media/<id>/640.webp`); every driver refuses anything else. A driver writes an object
 * completely or not at all: readers never see half a file.
 */
export interface Storage {
  readonly driver: 'local' | 's3';
  put(key: string, body: Buffer | Readable, options: PutOptions): Promise<StoredObject>;
  /** undefined when the object does not exist. */
  get(key: string, range?: ByteRange): Promise<StoredStream | undefined>;
  stat(key: string): Promise<StoredObject | undefined>;
  delete(key: string): Promise<void>;
  /** Deletes every object whose key starts with `prefix` (which must end with `/`). */
  deletePrefix(prefix: string): Promise<void>;
  /** A path on this machine that holds the object, when the driver keeps files locally (ffmpeg reads it directly). */
  localPath(key: string): string | undefined;
}

export class ObjectTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`object larger than ${maxBytes} bytes`);
    this.name = 'ObjectTooLargeError';
  }
}

const KEY = /^[a-z0-9][a-z0-9._-]*(\/[a-z0-9][a-z0-9._-]*)*$/;

/** Throws on keys that could escape the store (`..`, absolute paths, odd characters). */
export function assertKey(key: string, { prefix = false } = {}): void {
  const bare = prefix ? key.replace(/\/$/, '') : key;
  if (!KEY.test(bare) || bare.split('/').some((part) => part === '.' || part === '..' || /^\.+$/.test(part))) {
    throw new Error(`invalid storage key: ${JSON.stringify(key)}`);
  }
  if (prefix && !key.endsWith('/')) throw new Error(`a storage prefix ends with "/": ${JSON.stringify(key)}`);
}

const contentTypes: Record<string, string> = {
  webp: 'image/webp',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  avif: 'image/avif',
  heic: 'image/heic',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  webm: 'video/webm',
  m3u8: 'application/vnd.apple.mpegurl',
  ts: 'video/mp2t',
  m4s: 'video/iso.segment',
  json: 'application/json',
};

/** The local driver keeps no metadata beside a file: its type follows from the key's extension. */
export function contentTypeOfKey(key: string): string {
  const extension = key.slice(key.lastIndexOf('.') + 1).toLowerCase();
  return contentTypes[extension] ?? 'application/octet-stream';
}
