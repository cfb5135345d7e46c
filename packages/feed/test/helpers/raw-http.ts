import { connect, type Socket } from 'node:net';

/** One response as it came off the wire, framed by its own headers. */
export interface RawResponse {
  readonly status: number;
  /** Header names in lower case; repeated headers joined with ", ". */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

/**
 * A keep-alive HTTP/1.1 connection over a bare TCP socket: requests are written byte for byte
 * (no path normalization, unlike fetch or a URL), and responses are framed strictly by their
 * status line, Content-Length or chunked encoding. Broken framing shows up as a parse error
 * or as bytes where the next status line should be.
 */
export class RawConnection {
  readonly #socket: Socket;
  #buffer: Buffer = Buffer.alloc(0);
  #wake: (() => void) | undefined;
  #ended = false;
  /** Resolves when the server closes (or resets) the connection. */
  readonly closed: Promise<void>;

  private constructor(socket: Socket) {
    this.#socket = socket;
    socket.on('data', (chunk: Buffer) => {
      this.#buffer = Buffer.concat([this.#buffer, chunk]);
      this.#wake?.();
    });
    this.closed = new Promise((resolve) => {
      socket.on('close', () => {
        this.#ended = true;
        this.#wake?.();
        resolve();
      });
    });
    // A reset by the server is one way of closing; `closed` reports it.
    socket.on('error', () => undefined);
  }

  static open(url: string): Promise<RawConnection> {
    const { hostname, port } = new URL(url);
    return new Promise((resolve, reject) => {
      const socket = connect(Number(port), hostname, () => {
        socket.off('error', reject);
        resolve(new RawConnection(socket));
      });
      socket.once('error', reject);
    });
  }

  /** Writes raw bytes (part of a request, or several requests). */
  write(text: string): void {
    this.#socket.write(text);
  }

  /** Writes a request with the given target, verbatim, and reads its response. */
  async request(
    method: string,
    target: string,
    options: { headers?: Readonly<Record<string, string>>; body?: string } = {},
  ): Promise<RawResponse> {
    const lines = [`${method} ${target} HTTP/1.1`];
    const all: Record<string, string> = { host: 'feed.test', ...options.headers };
    if (options.body !== undefined) all['content-length'] = String(Buffer.byteLength(options.body));
    for (const [name, value] of Object.entries(all)) lines.push(`${name}: ${value}`);
    this.write(`${lines.join('\r\n')}\r\n\r\n${options.body ?? ''}`);
    return this.read(method === 'HEAD');
  }

  /** Reads the next response; a response to HEAD has no body whatever its headers say. */
  async read(head = false): Promise<RawResponse> {
    const end = await this.#until(() => {
      const index = this.#buffer.indexOf('\r\n\r\n');
      return index < 0 ? undefined : index;
    });
    const headText = this.#take(end + 4)
      .toString('latin1')
      .slice(0, -4);
    const [statusLine = '', ...headerLines] = headText.split('\r\n');
    const status = /^HTTP\/1\.1 (\d{3}) /.exec(statusLine);
    if (!status?.[1]) throw new Error(`not a status line: ${JSON.stringify(statusLine)}`);
    const headers: Record<string, string> = {};
    for (const line of headerLines) {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
    }
    const code = Number(status[1]);
    const noBody = head || code === 204 || code === 304;
    let body: Buffer = Buffer.alloc(0);
    if (!noBody && headers['transfer-encoding'] === 'chunked') body = await this.#readChunked();
    else if (!noBody && headers['content-length'] !== undefined) {
      const length = Number(headers['content-length']);
      await this.#until(() => (this.#buffer.length >= length ? length : undefined));
      body = this.#take(length);
    }
    return { status: code, headers, body };
  }

  /** Bytes received and not yet read as part of a response. */
  get unread(): Buffer {
    return this.#buffer;
  }

  destroy(): void {
    this.#socket.destroy();
  }

  async #readChunked(): Promise<Buffer> {
    const parts: Buffer[] = [];
    for (;;) {
      const lineEnd = await this.#until(() => {
        const index = this.#buffer.indexOf('\r\n');
        return index < 0 ? undefined : index;
      });
      const size = parseInt(this.#take(lineEnd + 2).toString('latin1'), 16);
      if (Number.isNaN(size)) throw new Error('bad chunk size');
      await this.#until(() => (this.#buffer.length >= size + 2 ? size : undefined));
      parts.push(this.#take(size));
      this.#take(2);
      if (size === 0) return Buffer.concat(parts);
    }
  }

  #take(length: number): Buffer {
    const taken = this.#buffer.subarray(0, length);
    this.#buffer = this.#buffer.subarray(length);
    return taken;
  }

  /** Waits until `ready` finds what it needs in the buffer, or fails if the connection closes. */
  #until<T>(ready: () => T | undefined): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        const found = ready();
        if (found !== undefined) {
          this.#wake = undefined;
          resolve(found);
        } else if (this.#ended) {
          this.#wake = undefined;
          reject(
            new Error(`connection closed; unread: ${JSON.stringify(this.#buffer.toString())}`),
          );
        }
      };
      this.#wake = check;
      check();
    });
  }
}
