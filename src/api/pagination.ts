import { z } from '@hono/zod-openapi';
import { ApiError } from './errors/api-error.ts';

/** Cursor pagination: `?limit=&cursor=`; the cursor is opaque (base64url of the last id seen). */
export const PageQuery = {
  limit: z.coerce.number().int().min(1).max(500).default(50).openapi({ description: 'Items per page (1-500, default 50)' }),
  cursor: z.string().max(200).optional().openapi({ description: 'The `nextCursor` of the previous page' }),
};

/** The query of a list that takes no filters. */
export const PageQuerySchema = z.object(PageQuery);

export const encodeCursor = (value: string): string =>
  btoa(value).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

export function decodeCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  try {
    const value = atob(cursor.replace(/-/g, '+').replace(/_/g, '/'));
    if (/^[\x20-\x7e]{1,150}$/.test(value)) return value;
  } catch {
    // fall through
  }
  throw new ApiError('invalid_request', 'The cursor is not one this API issued.', {
    errors: [{ location: 'query', path: 'cursor', message: 'unknown cursor' }],
  });
}

/** Fetch `limit + 1` rows, then call this: it trims the extra row and makes the next cursor. */
export function page<T>(rows: T[], limit: number, cursorOf: (row: T) => string): { items: T[]; nextCursor: string | null } {
  if (rows.length <= limit) return { items: rows, nextCursor: null };
  const items = rows.slice(0, limit);
  return { items, nextCursor: encodeCursor(cursorOf(items[items.length - 1]!)) };
}

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable().openapi({ description: 'null on the last page' }) });
