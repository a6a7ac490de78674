import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

/** Passes bytes through unchanged while counting them and hashing them (sha256). */
export class ByteTap extends Transform {
  bytes = 0;
  private readonly hash = createHash('sha256');

  override _transform(chunk: Buffer | string, _encoding: BufferEncoding, done: TransformCallback): void {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    this.bytes += buf.length;
    this.hash.update(buf);
    done(null, buf);
  }

  /** Hex sha256 of everything that went through; call once, after the stream ended. */
  digest(): string {
    return this.hash.digest('hex');
  }
}
