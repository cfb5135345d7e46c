/**
 * Server-sent event framing (WHATWG HTML, "event stream interpretation"). Each event is framed
 * once into a Buffer and the same Buffer is written to every stream that should get it.
 * Data is always single-line JSON (JSON.stringify never emits a raw line break).
 */
export function frameEvent(id: number, event: string, data: string): Buffer {
  return Buffer.from(`id: ${id}\nevent: ${event}\ndata: ${data}\n\n`, 'utf8');
}

/** Sets the client's reconnection delay. */
export function frameRetry(milliseconds: number): Buffer {
  return Buffer.from(`retry: ${Math.round(milliseconds)}\n\n`, 'utf8');
}

/** A comment line: keeps proxies from closing an idle stream and proves the server is alive. */
export const HEARTBEAT = Buffer.from(':\n\n', 'utf8');

const CRLF = Buffer.from('\r\n', 'latin1');

/**
 * A frame as one HTTP/1.1 chunk (RFC 9112, section 7.1): `<size in hex>\r\n<frame>\r\n`. Wrapped
 * once per event, so the fan-out writes one ready Buffer to each socket.
 */
export function httpChunk(frame: Buffer): Buffer {
  const head = Buffer.from(`${frame.length.toString(16)}\r\n`, 'latin1');
  return Buffer.concat([head, frame, CRLF], head.length + frame.length + CRLF.length);
}
