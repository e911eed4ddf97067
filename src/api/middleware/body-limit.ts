import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ApiError } from '../errors/api-error.ts';
import type { AppEnv } from '../context.ts';

export const isCsv = (contentType: string | undefined) =>
  (contentType ?? '').split(';')[0]!.trim().toLowerCase() === 'text/csv';

/** An XLSX workbook: streamed like CSV. */
export const isXlsx = (contentType: string | undefined) =>
  (contentType ?? '').split(';')[0]!.trim().toLowerCase() === 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const isMultipart = (contentType: string | undefined) =>
  (contentType ?? '').split(';')[0]!.trim().toLowerCase() === 'multipart/form-data';

const limited = (maxBytes: number) => bodyLimit({
  maxSize: maxBytes,
  onError: () => {
    throw new ApiError('payload_too_large', `Request bodies are limited to ${maxBytes} bytes.`);
  },
});

/**
 * Caps every non-CSV request body (JSON) at `maxBytes`. CSV and XLSX uploads are streamed and capped by
 * `limitStream` where they are read, so that a large file is never buffered in memory. A multipart
 * form (the workspace's upload without JavaScript, the only one) carries a file: it is capped at
 * `multipartMaxBytes` instead.
 */
export function jsonBodyLimit(maxBytes: number, multipartMaxBytes = maxBytes): MiddlewareHandler<AppEnv> {
  const json = limited(maxBytes);
  const multipart = limited(multipartMaxBytes);
  return async (c, next) => {
    const type = c.req.header('content-type');
    if (isCsv(type) || isXlsx(type)) return next();
    return (isMultipart(type) ? multipart : json)(c, next);
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
