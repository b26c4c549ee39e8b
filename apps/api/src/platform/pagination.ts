import { AppError } from './errors';

/**
 * Opaque keyset cursors: the sort key of the last row seen, base64url-encoded. Keyset paging
 * stays fast at any depth and never skips or repeats rows when new ones arrive.
 */
export interface KeysetCursor {
  at: string;
  id: string;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export function encodeCursor(cursor: KeysetCursor): string {
  return Buffer.from(JSON.stringify([cursor.at, cursor.id])).toString('base64url');
}

export function decodeCursor(raw: string | undefined): KeysetCursor | undefined {
  if (!raw) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[0] === 'string' && typeof parsed[1] === 'string') {
      if (!Number.isNaN(Date.parse(parsed[0]))) return { at: parsed[0], id: parsed[1] };
    }
  } catch {
    // fall through to the error below
  }
  throw new AppError('bad_request', 'request.invalid_cursor', '목록 커서가 올바르지 않아요.');
}

/** Fetch limit + 1 rows; this trims the extra one and says where the next page starts. */
export function pageOf<Row, Item>(
  rows: Row[],
  limit: number,
  keyOf: (row: Row) => KeysetCursor,
  toItem: (row: Row) => Item,
): { items: Item[]; nextCursor: string | null } {
  const hasMore = rows.length > limit;
  const visible = hasMore ? rows.slice(0, limit) : rows;
  const last = visible[visible.length - 1];
  return { items: visible.map(toItem), nextCursor: hasMore && last ? encodeCursor(keyOf(last)) : null };
}
