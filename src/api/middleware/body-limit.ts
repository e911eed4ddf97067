import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ApiError } from '../errors/api-error.ts';
import type { AppEnv } from '../context.ts';

export const isCsv = (contentType: string | undefined) =>
  (contentType ?? '').split(';')[0]!.trim().toLowerCase() === 'text/csv';

/** An XLSX workbook: streamed like CSV. */
export const isXlsx = (contentType: string | undefined) =>
  (contentType ?? '').split(';')[0]!.trim().toLowerCase() === 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Caps every non-CSV request body (JSON) at `maxBytes`. CSV and XLSX uploads are streamed and capped by
 * `limitStream` where they are read, so that a large file is never buffered in memory.
 */
export function jsonBodyLimit(maxBytes: number): MiddlewareHandler<AppEnv> {
  const limit = bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new ApiError('payload_too_large', `Request bodies are limited to ${maxBytes} bytes.`);
    },
  });
  return async (c, next) => {
    if (isCsv(c.req.header('content-type')) || isXlsx(c.req.header('content-type'))) return next();
    return limit(c, next);
  };
}

/** Passes a byte stream through, failing with 413 once more than `maxBytes` have gone by. */
export function limitStream(maxBytes: number): TransformStream<Uint8Array, Uint8Array> {
  let seen = 0;
  return new TransformStream({
    transform(chunk, controller) {
      seen += chunk.byteLength;
      if (seen > maxBytes) {
        controller.error(new ApiError('payload_too_large', `Uploads are limited to ${maxBytes} bytes.`));
        return;
      }
      controller.enqueue(chunk);
    },
  });
}
