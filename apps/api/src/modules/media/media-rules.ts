/** Pure decisions of the media pipeline: which types are accepted, sizes, renditions, playlists. */

export type MediaKindName = 'image' | 'video';

const IMAGE_MIMES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/avif', 'image/heic']);
const VIDEO_MIMES: Record<string, string> = { 'video/mp4': 'mp4', 'video/quicktime': 'mov', 'video/webm': 'webm' };

/** The kind of a type proven by magic numbers, or undefined when it is not accepted. */
export function kindOfMime(mime: string | undefined): MediaKindName | undefined {
  if (!mime) return undefined;
  if (IMAGE_MIMES.has(mime)) return 'image';
  if (mime in VIDEO_MIMES) return 'video';
  return undefined;
}

export const videoExtension = (mime: string): string => VIDEO_MIMES[mime] ?? 'bin';

/** Width × height after EXIF orientation 5–8 (a quarter turn) is applied. */
export function orientedSize(width: number, height: number, orientation: number | undefined) {
  return orientation !== undefined && orientation >= 5 ? { width: height, height: width } : { width, height };
}

/** Variant width for a requested width: never wider than the original (no upscaling). */
export const variantWidth = (requested: number, originalWidth: number) => Math.min(requested, originalWidth);

export const RENDITION_HEIGHTS = [360, 720] as const;

/**
 * HLS renditions for a source whose short side is `shortSide` px: 360p and 720p where the
 * source is at least that large; a smaller source gets one rendition at its own size.
 */
export function renditionsFor(shortSide: number): number[] {
  const fitting = RENDITION_HEIGHTS.filter((height) => height <= shortSide);
  return fitting.length > 0 ? [...fitting] : [Math.max(2, shortSide - (shortSide % 2))];
}

/** The other side when the short side is scaled to `short`, rounded to an even number (x264 needs it). */
export function scaledSize(width: number, height: number, short: number) {
  const landscape = width >= height;
  const ratio = landscape ? width / height : height / width;
  const long = Math.max(2, Math.round((short * ratio) / 2) * 2);
  return landscape ? { width: long, height: short } : { width: short, height: long };
}

/** Overall progress 0–100 over `total` equal steps, `done` finished and the current one at `fraction`. */
export function progressPercent(done: number, total: number, fraction: number): number {
  const clamped = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
  return Math.min(100, Math.floor(((done + clamped) / Math.max(1, total)) * 100));
}

/** Files a signed HLS URL may name below `/api/media/<id>/hls/`. */
export const HLS_FILE = /^(master\.m3u8|poster\.jpg|[0-9]{2,4}p\/(index\.m3u8|seg_[0-9]{3,5}\.ts))$/;

/**
 * A playlist with `query` appended to every URI (lines that are not tags, and URI="…"
 * attributes): relative URIs do not inherit the playlist's query string, so each needs its own
 * signature for the player's next request.
 */
export function signPlaylist(playlist: string, query: string): string {
  const withQuery = (uri: string) => (/^[a-z][a-z0-9+.-]*:/i.test(uri) ? uri : `${uri}${uri.includes('?') ? '&' : '?'}${query}`);
  return playlist
    .split('\n')
    .map((line) => {
      const trimmed = line.trim();
      if (trimmed === '') return line;
      if (trimmed.startsWith('#')) return line.replace(/URI="([^"]+)"/g, (_match, uri: string) => `URI="${withQuery(uri)}"`);
      return withQuery(trimmed);
    })
    .join('\n');
}

/** UUIDs only: anything else is an unknown id (404), never a storage path. */
export const isMediaId = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id);
