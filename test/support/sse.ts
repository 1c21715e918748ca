import type { Gateway } from '../../src/app.js';

type Json = Record<string, unknown>;

/** One server-sent `next` event of a GraphQL subscription. */
export interface SseEvent<T = Json> {
  readonly data?: T | null;
  readonly errors?: { message: string; extensions?: Json }[];
  readonly extensions?: Json;
}

/**
 * A GraphQL subscription over server-sent events through the gateway's front door
 * (yoga.fetch, `accept: text/event-stream`), read as it streams. `close()` cancels the stream,
 * as a browser's `EventSource.close()` or a dropped connection does.
 */
export class SseSubscription<T = Json> {
  readonly events: SseEvent<T>[] = [];
  private ended = false;
  private readonly waiters = new Set<() => void>();

  private constructor(private readonly reader: ReadableStreamDefaultReader<Uint8Array>) {
    void this.pump();
  }

  static async open<T = Json>(gateway: Gateway, query: string, variables: Json = {}, headers: Record<string, string> = {}): Promise<SseSubscription<T>> {
    const response = await gateway.yoga.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    if (!response.body) throw new Error(`no stream: ${response.status}`);
    return new SseSubscription<T>(response.body.getReader());
  }

  get done(): boolean {
    return this.ended;
  }

  /** Resolves once `count` events arrived (or the stream ended, or `ms` passed): the events so far. */
  async until(count: number, ms = 15_000): Promise<SseEvent<T>[]> {
    const deadline = Date.now() + ms;
    while (this.events.length < count && !this.ended && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 200);
        this.waiters.add(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.events;
  }

  async close(): Promise<void> {
    await this.reader.cancel().catch(() => undefined);
  }

  private async pump(): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await this.reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block
            .split('\n')
            .filter((line) => line.startsWith('data:'))
            .map((line) => line.slice(5).trim())
            .join('\n');
          if (block.split('\n').some((line) => line.startsWith('event: complete'))) continue;
          if (data) this.events.push(JSON.parse(data) as SseEvent<T>);
          this.wakeAll();
        }
      }
    } catch {
      // cancelled
    } finally {
      this.ended = true;
      this.wakeAll();
    }
  }

  private wakeAll(): void {
    for (const wake of this.waiters) wake();
    this.waiters.clear();
  }
}
