/** Writing to a stream with backpressure, so an export of any size holds only what the disk has not taken yet. */
import { once } from 'node:events';
import type { Writable } from 'node:stream';

/** Writes `text`, waiting for the stream to drain when its buffer is full. */
export async function writeText(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}
