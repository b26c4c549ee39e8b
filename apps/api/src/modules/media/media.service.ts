import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createWriteStream } from 'node:fs';
import { fileTypeFromBuffer } from 'file-type';
import { IMAGE_VARIANT_WIDTHS, type Media, type MediaSubject } from '@dongne/contracts';
import type { Clock } from '../../platform/clock';
import type { Database, Executor } from '../../platform/db';
import { newId } from '../../platform/ids';
import { ObjectTooLargeError, UrlSigner, type ByteRange, type Storage, type StoredStream } from '../../platform/storage';
import { processImage } from './image-pipeline';
import { mediaErrors } from './media.errors';
import type { MediaEvents } from './media.events';
import { toMedia } from './media.mapper';
import { mediaRepository, type MediaRow } from './media.repository';
import { HLS_FILE, isMediaId, kindOfMime, progressPercent, signPlaylist, videoExtension } from './media-rules';
import { TranscodeError, type FfmpegTranscoder } from './video-transcoder';

export interface MediaLimits {
  imageMaxBytes: number;
  videoMaxBytes: number;
  imageMaxPixels: number;
  urlTtlSeconds: number;
}

export interface MediaServiceDeps {
  db: Database;
  clock: Clock;
  storage: Storage;
  signer: UrlSigner;
  transcoder: FfmpegTranscoder;
  events: MediaEvents;
  limits: MediaLimits;
  log: { info(object: object, message: string): void; warn(object: object, message: string): void };
  /** Enqueues the transcoding job in the caller's transaction. */
  enqueueTranscode: (ex: Executor, mediaId: string) => Promise<unknown>;
}

/** A stored file ready to be served, whole or by range. */
export interface ServableFile {
  size: number;
  contentType: string;
  open(range?: ByteRange): Promise<StoredStream | undefined>;
}

export type HlsFile = { playlist: string } | ServableFile;

/** Bytes enough for every magic number file-type knows. */
const SNIFF_BYTES = 4100;
/** Unattached uploads older than this are deleted. */
export const UNATTACHED_TTL_MS = 24 * 3600 * 1000;
const CLEANUP_BATCH = 200;

const dir = (id: string) => `media/${id}/`;
const hlsScope = (id: string) => `/api/media/${id}/hls/`;

export class MediaService {
  constructor(private readonly deps: MediaServiceDeps) {}

  /**
   * Takes an upload stream: the first bytes decide the type (never the name or the client's
   * content type), the kind's size limit is enforced while reading, images become WebP
   * variants at once, videos are stored and a transcoding job is enqueued.
   */
  async upload(ownerId: string, file: Readable): Promise<Media> {
    const { head, rest } = await readHead(file, SNIFF_BYTES);
    const detected = head.length > 0 ? await fileTypeFromBuffer(head) : undefined;
    const kind = kindOfMime(detected?.mime);
    if (!kind || !detected) {
      file.resume();
      throw mediaErrors.unsupportedType(detected?.mime);
    }
    return kind === 'image' ? this.uploadImage(ownerId, detected.mime, head, rest, file) : this.uploadVideo(ownerId, detected.mime, head, rest);
  }

  private async uploadImage(ownerId: string, mime: string, head: Buffer, rest: AsyncIterable<Buffer>, file: Readable): Promise<Media> {
    const { imageMaxBytes, imageMaxPixels } = this.deps.limits;
    const chunks = [head];
    let size = head.length;
    for await (const chunk of rest) {
      size += chunk.length;
      if (size > imageMaxBytes) {
        file.resume();
        throw mediaErrors.tooLarge('image', imageMaxBytes);
      }
      chunks.push(chunk);
    }
    if (size > imageMaxBytes) throw mediaErrors.tooLarge('image', imageMaxBytes);
    const image = await processImage(Buffer.concat(chunks), { maxPixels: imageMaxPixels, mime });
    const id = newId();
    try {
      for (const variant of image.variants) {
        await this.deps.storage.put(`${dir(id)}${variant.name}.webp`, variant.data, { contentType: 'image/webp' });
      }
      const now = this.deps.clock.now();
      const row = await mediaRepository.insert(this.deps.db, {
        id,
        ownerId,
        kind: 'image',
        status: 'ready',
        mime,
        bytes: size,
        width: image.width,
        height: image.height,
        progress: 100,
        createdAt: now,
        updatedAt: now,
      });
      return toMedia(row, imageUrls(id));
    } catch (error) {
      await this.deps.storage.deletePrefix(dir(id)).catch(() => undefined);
      throw error;
    }
  }

  private async uploadVideo(ownerId: string, mime: string, head: Buffer, rest: AsyncIterable<Buffer>): Promise<Media> {
    const { videoMaxBytes } = this.deps.limits;
    const id = newId();
    const key = `${dir(id)}original.${videoExtension(mime)}`;
    let stored;
    try {
      stored = await this.deps.storage.put(key, Readable.from(prepend(head, rest)), { contentType: mime, maxBytes: videoMaxBytes });
    } catch (error) {
      await this.deps.storage.deletePrefix(dir(id)).catch(() => undefined);
      if (error instanceof ObjectTooLargeError) throw mediaErrors.tooLarge('video', videoMaxBytes);
      throw error;
    }
    try {
      const now = this.deps.clock.now();
      const row = await this.deps.db.transaction(async (tx) => {
        const inserted = await mediaRepository.insert(tx, {
          id,
          ownerId,
          kind: 'video',
          status: 'uploaded',
          mime,
          bytes: stored.size,
          createdAt: now,
          updatedAt: now,
        });
        await this.deps.enqueueTranscode(tx, id);
        return inserted;
      });
      return toMedia(row, {});
    } catch (error) {
      await this.deps.storage.deletePrefix(dir(id)).catch(() => undefined);
      throw error;
    }
  }

  /** The owner's view: status, progress and fresh URLs (signed for them, for videos). */
  async get(viewerId: string, id: string): Promise<Media> {
    const row = isMediaId(id) ? await mediaRepository.find(this.deps.db, id) : undefined;
    if (!row || row.ownerId !== viewerId) throw mediaErrors.notFound();
    return this.view(row, viewerId);
  }

  /**
   * Playback for any viewer another module has allowed (a course's enrolled student): the
   * media as `viewerId` sees it, with URLs signed for them.
   */
  async viewFor(viewerId: string, id: string): Promise<Media> {
    const row = isMediaId(id) ? await mediaRepository.find(this.deps.db, id) : undefined;
    if (!row) throw mediaErrors.notFound();
    return this.view(row, viewerId);
  }

  private view(row: MediaRow, viewerId: string): Media {
    if (row.kind === 'image') return toMedia(row, row.status === 'ready' ? imageUrls(row.id) : {});
    if (row.status !== 'ready') return toMedia(row, {});
    const expiresAt = new Date(this.deps.clock.now().getTime() + this.deps.limits.urlTtlSeconds * 1000);
    const query = UrlSigner.query(this.deps.signer.sign(hlsScope(row.id), viewerId, expiresAt));
    return toMedia(
      row,
      { hls: `${hlsScope(row.id)}master.m3u8?${query}`, poster: `${hlsScope(row.id)}poster.jpg?${query}` },
      expiresAt,
    );
  }

  /** A public WebP variant (the id is unguessable and the bytes carry no metadata). */
  async variant(id: string, variant: string): Promise<ServableFile> {
    const width = Number(variant);
    if (!isMediaId(id) || !(IMAGE_VARIANT_WIDTHS as readonly number[]).includes(width)) throw mediaErrors.notFound();
    return this.servable(`${dir(id)}${width}.webp`);
  }

  /** A file of a video's HLS tree, for a request carrying a valid signature; playlists come back re-signed. */
  async hlsFile(id: string, file: string, signature: { exp?: unknown; u?: unknown; sig?: unknown }): Promise<HlsFile> {
    if (!isMediaId(id) || !HLS_FILE.test(file)) throw mediaErrors.notFound();
    if (!this.deps.signer.verify(hlsScope(id), signature, this.deps.clock.now())) throw mediaErrors.signatureInvalid();
    const key = `${dir(id)}hls/${file}`;
    if (!file.endsWith('.m3u8')) return this.servable(key);
    const stored = await this.deps.storage.get(key);
    if (!stored) throw mediaErrors.notFound();
    const chunks: Buffer[] = [];
    for await (const chunk of stored.body) chunks.push(chunk as Buffer);
    const query = new URLSearchParams({ exp: String(signature.exp), u: String(signature.u), sig: String(signature.sig) }).toString();
    return { playlist: signPlaylist(Buffer.concat(chunks).toString('utf8'), query) };
  }

  private async servable(key: string): Promise<ServableFile> {
    const object = await this.deps.storage.stat(key);
    if (!object) throw mediaErrors.notFound();
    return { ...object, open: (range) => this.deps.storage.get(key, range) };
  }

  /**
   * Attaches uploads to a subject of another domain inside the caller's transaction. Every id
   * must be the owner's own upload (else media.not_owner, and nothing is attached); media
   * already attached to this subject stay; media of another subject are refused.
   */
  async attach(tx: Executor, mediaIds: readonly string[], ownerId: string, subject: MediaSubject): Promise<void> {
    const ids = [...new Set(mediaIds)];
    if (ids.some((id) => !isMediaId(id))) throw mediaErrors.notOwner();
    const rows = await mediaRepository.lockMany(tx, ids);
    if (rows.length !== ids.length || rows.some((row) => row.ownerId !== ownerId)) throw mediaErrors.notOwner();
    if (rows.some((row) => row.status === 'failed')) throw mediaErrors.failed();
    const elsewhere = rows.some(
      (row) => row.attachedType !== null && (row.attachedType !== subject.type || row.attachedId !== subject.id),
    );
    if (elsewhere) throw mediaErrors.alreadyAttached();
    await mediaRepository.setAttachment(tx, ids, subject, this.deps.clock.now());
  }

  /** Detaches some (or, without ids, all) media of a subject; the cleanup job removes them later. */
  async detach(tx: Executor, subject: MediaSubject, mediaIds?: readonly string[]): Promise<number> {
    return mediaRepository.detachSubject(tx, subject, mediaIds, this.deps.clock.now());
  }

  /** Job handler: deletes unattached uploads older than 24 hours, files and rows. */
  async cleanup(): Promise<{ deleted: number }> {
    const cutoff = new Date(this.deps.clock.now().getTime() - UNATTACHED_TTL_MS);
    let deleted = 0;
    for (;;) {
      const candidates = await mediaRepository.unattachedBefore(this.deps.db, cutoff, CLEANUP_BATCH);
      if (candidates.length === 0) break;
      // Rows first (re-checked, so an attach in between wins), then their files.
      const gone = await mediaRepository.deleteUnattached(
        this.deps.db,
        candidates.map((candidate) => candidate.id),
        cutoff,
      );
      for (const id of gone) await this.deps.storage.deletePrefix(dir(id));
      deleted += gone.length;
      if (candidates.length < CLEANUP_BATCH) break;
    }
    if (deleted > 0) this.deps.log.info({ deleted }, 'media: removed unattached uploads');
    return { deleted };
  }

  /** Job handler: transcodes an uploaded video to HLS. Content problems end in `failed` (no retry). */
  async transcode(mediaId: string): Promise<void> {
    const { db, clock, storage, transcoder, events, log } = this.deps;
    const started = await mediaRepository.transition(db, mediaId, ['uploaded', 'processing'], {
      status: 'processing',
      progress: 0,
      updatedAt: clock.now(),
    });
    if (!started || started.kind !== 'video') return;
    const emit = (row: Pick<MediaRow, 'status' | 'progress' | 'failureReason'>) =>
      events.emitProgress({ mediaId, ownerId: started.ownerId, status: row.status, progress: row.progress, failureReason: row.failureReason });
    emit(started);

    const fail = async (reason: string) => {
      const failed = await mediaRepository.transition(db, mediaId, ['processing'], { status: 'failed', failureReason: reason, updatedAt: clock.now() });
      if (failed) emit(failed);
    };
    if (!(await transcoder.available())) return fail('ffmpeg_unavailable');

    const work = await mkdtemp(path.join(tmpdir(), 'dongne-transcode-'));
    try {
      const originalKey = `${dir(mediaId)}original.${videoExtension(started.mime)}`;
      const input = await localCopy(storage, originalKey, work);
      if (!input) return await fail('original_missing');
      const out = path.join(work, 'hls');
      let lastSaved = 0;
      const result = await transcoder.transcode(input, out, (fraction) => {
        const progress = progressPercent(0, 1, fraction);
        if (progress < lastSaved + 5 || progress >= 100) return;
        lastSaved = progress;
        emit({ status: 'processing', progress, failureReason: null });
        mediaRepository.setProgress(db, mediaId, progress, clock.now()).catch((error: unknown) => log.warn({ err: error, mediaId }, 'media: progress not saved'));
      });
      await storage.deletePrefix(`${dir(mediaId)}hls/`);
      for (const relative of await listFiles(out)) {
        const key = `${dir(mediaId)}hls/${relative}`;
        await storage.put(key, createReadStream(path.join(out, relative)), { contentType: 'application/octet-stream' });
      }
      const ready = await mediaRepository.transition(db, mediaId, ['processing'], {
        status: 'ready',
        progress: 100,
        width: result.probe.width,
        height: result.probe.height,
        durationMs: result.probe.durationMs,
        updatedAt: clock.now(),
      });
      if (ready) emit(ready);
    } catch (error) {
      if (!(error instanceof TranscodeError)) throw error;
      log.warn({ err: error, mediaId }, 'media: transcoding failed');
      await fail(error.reason);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }
}

const imageUrls = (id: string): Record<string, string> =>
  Object.fromEntries(IMAGE_VARIANT_WIDTHS.map((width) => [String(width), `/api/media/${id}/${width}`]));

/** Reads until `bytes` are in hand (or the stream ends); the rest continues from the same iterator. */
async function readHead(stream: Readable, bytes: number): Promise<{ head: Buffer; rest: AsyncIterable<Buffer> }> {
  const iterator = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const chunks: Buffer[] = [];
  let size = 0;
  let ended = false;
  while (size < bytes) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    chunks.push(next.value);
    size += next.value.length;
  }
  const rest: AsyncIterable<Buffer> = {
    [Symbol.asyncIterator]: () => (ended ? { next: async () => ({ done: true as const, value: undefined }) } : iterator),
  };
  return { head: Buffer.concat(chunks), rest };
}

async function* prepend(head: Buffer, rest: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  if (head.length > 0) yield head;
  yield* rest;
}

/** The original as a local file: the storage's own path when it has one, else a copy in `work`. */
async function localCopy(storage: Storage, key: string, work: string): Promise<string | undefined> {
  if (!(await storage.stat(key))) return undefined;
  const local = storage.localPath(key);
  if (local) return local;
  const object = await storage.get(key);
  if (!object) return undefined;
  const target = path.join(work, path.basename(key));
  await pipeline(object.body, createWriteStream(target));
  return target;
}

async function listFiles(root: string, prefix = ''): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(path.join(root, prefix), { withFileTypes: true })) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...(await listFiles(root, relative)));
    else files.push(relative);
  }
  return files;
}
