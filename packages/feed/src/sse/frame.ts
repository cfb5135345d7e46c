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
