import type { Media } from '@dongne/contracts';
import type { MediaRow } from './media.repository';

/** Row → contract: an allow-list (never the owner, the mime or attachment details). */
export function toMedia(row: MediaRow, urls: Record<string, string>, urlsExpireAt: Date | null = null): Media {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    urls,
    width: row.width,
    height: row.height,
    durationMs: row.durationMs,
    progress: row.progress,
    failureReason: row.failureReason,
    urlsExpireAt: urlsExpireAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}
