import { gunzipSync, inflateSync } from 'node:zlib';
import { ServiceError } from '../core/errors.js';

const tooLarge = (limit: number) =>
  new ServiceError(
    'too_large',
    'request_too_large',
    `request bodies are limited to ${limit} bytes (after decompression)`,
  );

/**
 * Reads a request body without ever holding more than `limit` bytes (compressed or not), and
 * decompresses `Content-Encoding: gzip | deflate` within the same limit.
 */
export async function readBody(req: Request, limit: number): Promise<Buffer> {
  const declared = Number(req.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (req.body) {
    const reader = req.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => {});
        throw tooLarge(limit);
      }
      chunks.push(value);
    }
  }
  const raw = Buffer.concat(chunks);
  const encoding = (req.headers.get('content-encoding') ?? '').trim().toLowerCase();
  if (encoding === '' || encoding === 'identity') return raw;
  if (encoding !== 'gzip' && encoding !== 'deflate') {
    throw new ServiceError(
      'invalid',
      'unsupported_encoding',
      `Content-Encoding ${encoding} is not supported (use gzip)`,
    );
  }
  try {
    return encoding === 'gzip'
      ? gunzipSync(raw, { maxOutputLength: limit })
      : inflateSync(raw, { maxOutputLength: limit });
  } catch (e) {
    if (e instanceof RangeError || (e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
      throw tooLarge(limit);
    throw new ServiceError(
      'invalid',
      'invalid_compression',
      `the ${encoding} body could not be decompressed`,
    );
  }
}
