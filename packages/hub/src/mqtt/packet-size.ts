/**
 * Reads the MQTT fixed header of each packet as its bytes go by and reports the first packet that
 * announces more bytes than the connection may send now. The parser behind it buffers a packet
 * whole before it can look at it, so without this a CONNECT announcing 256 MB would be read into
 * memory before anyone checked who sent it.
 */
import type { Readable } from 'node:stream';

/** Watch `stream`; `limit()` is asked at each header, `tooLarge` is called once with the announced size. */
export function watchPacketSizes(
  stream: Readable,
  limit: () => number,
  tooLarge: (announced: number) => void,
): void {
  let remaining = 0;
  let inLength = false;
  let length = 0;
  let multiplier = 1;
  let lengthBytes = 0;
  let stopped = false;

  function inspect(chunk: Buffer): void {
    let i = 0;
    while (i < chunk.length && !stopped) {
      if (remaining > 0) {
        const step = Math.min(remaining, chunk.length - i);
        remaining -= step;
        i += step;
        continue;
      }
      if (!inLength) {
        inLength = true;
        length = 0;
        multiplier = 1;
        lengthBytes = 0;
        i++;
        continue;
      }
      const byte = chunk[i++] as number;
      length += (byte & 0x7f) * multiplier;
      multiplier *= 128;
      lengthBytes++;
      // A remaining length takes at most four bytes; a fifth continuation bit is a malformed packet.
      const malformed = (byte & 0x80) !== 0 && lengthBytes >= 4;
      if (malformed || length > limit()) {
        stopped = true;
        tooLarge(malformed ? Number.POSITIVE_INFINITY : length);
        return;
      }
      if ((byte & 0x80) === 0) {
        inLength = false;
        remaining = length;
      }
    }
  }

  // With aedes' 'readable' listener in control, 'data' fires for each chunk it reads, just before it parses it.
  stream.on('data', (chunk: Buffer | string) => inspect(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk)));
}
