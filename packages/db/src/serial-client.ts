// A pg client that sends one query at a time of its own accord. Prisma's query
// engine loads an include's relations in parallel (Promise.all over the nested
// reads), and inside an interactive transaction they all go to the one client
// that holds the transaction: pg then queues them itself, which it has
// deprecated ("Calling client.query() when the client is already executing a
// query", removed in pg 9). Here a query that arrives while another is running
// waits for it first; the order and the results are the same as pg's own queue.
import pg from 'pg';

type Callback = (error: Error | null, result?: unknown) => void;

export class SerialClient extends pg.Client {
  #inFlight = 0;
  #tail: Promise<unknown> = Promise.resolve();

  // One signature for pg's overloads: (config | text, values?, callback?).
  override query(...args: unknown[]): any {
    const [config, second, third] = args as [unknown, unknown, unknown];
    const callback = (typeof second === 'function' ? second : typeof third === 'function' ? third : undefined) as Callback | undefined;
    const values = typeof second === 'function' ? undefined : second;
    // A submittable (a cursor, a COPY stream) runs on a client of its own in this app: pass it through.
    if (config && typeof (config as { submit?: unknown }).submit === 'function') return (super.query as (...a: unknown[]) => unknown)(...args);
    const send = () => (super.query as (c: unknown, v?: unknown) => Promise<unknown>)(config, values);
    this.#inFlight += 1;
    const result = this.#inFlight === 1 ? send() : this.#tail.then(send);
    const settled = result.finally(() => (this.#inFlight -= 1));
    this.#tail = settled.catch(() => undefined);
    if (!callback) return result;
    result.then((rows) => callback(null, rows), (error: Error) => callback(error));
    return undefined;
  }
}
