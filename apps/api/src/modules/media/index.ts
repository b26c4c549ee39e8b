import type { RouteApp } from '../../platform/http';
import type { Platform } from '../../platform/platform';
import { LocalStorage, UrlSigner, type Storage } from '../../platform/storage';
import { MediaEvents } from './media.events';
import { defineMediaJobs } from './media.jobs';
import { mediaRoutes } from './media.routes';
import { MediaService } from './media.service';
import { FfmpegTranscoder } from './video-transcoder';

export type { MediaService } from './media.service';
export type { MediaProgressEvent, MediaEvents } from './media.events';
/** For foreign keys from other modules' tables only. */
export { media as mediaTable } from './media.tables';

export interface MediaModuleOptions {
  /** Another storage driver (tests, S3 later); local disk under DATA_DIR/media otherwise. */
  storage?: Storage;
}

/**
 * Uploads, image variants, video transcoding and signed playback. Other modules call
 * `media.attach(tx, ids, ownerId, { type, id })` / `media.detach(tx, subject)` in their own
 * transaction, and listen to `events.onProgress` to forward transcoding progress.
 */
export function createMediaModule(platform: Platform, options: MediaModuleOptions = {}) {
  const { config } = platform;
  const storage = options.storage ?? new LocalStorage(config.media.storageDir);
  const events = new MediaEvents();
  const jobs = defineMediaJobs(() => media);
  const media: MediaService = new MediaService({
    db: platform.database.db,
    clock: platform.clock,
    storage,
    signer: new UrlSigner(config.auth.jwtSecret),
    transcoder: new FfmpegTranscoder(config.media.ffmpegPath, config.media.ffprobePath),
    events,
    limits: config.media,
    log: platform.log,
    enqueueTranscode: (ex, mediaId) => platform.jobs.enqueue(ex, jobs.transcode, { mediaId }),
  });
  platform.jobs.register(jobs.transcode);
  platform.jobs.register(jobs.cleanup);
  return {
    media,
    events,
    jobs,
    storage,
    async routes(app: RouteApp) {
      await mediaRoutes(app, { media, maxUploadBytes: Math.max(config.media.imageMaxBytes, config.media.videoMaxBytes) });
    },
  };
}

export type MediaModule = ReturnType<typeof createMediaModule>;
