// A feed of "sign-ins may have changed" from the database itself: triggers on
// session, app_user and org_unit NOTIFY pufa_auth_changed (migration
// 20261127220600), and every API process LISTENs. Session caches use it to
// forget what they hold; while the feed is down they must not cache at all.
// The same plumbing carries pufa_event_changed (migration 20261207200000, a
// township id per saved event) to the big screen's live stream.
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

export const AUTH_CHANGED_CHANNEL = 'pufa_auth_changed';
/** Payload: the township id of an event inserted, updated or deleted (both townships of a move). */
export const EVENT_CHANGED_CHANNEL = 'pufa_event_changed';

export interface AuthChangeFeed {
  /** True while changes are being heard: only then may anything be cached. */
  readonly isLive: boolean;
  /**
   * Counts the listening connections so far: it changes at every reconnect. Changes made
   * while the listener was down were not heard, so whatever was cached under an earlier
   * connection is dropped before the next answer (session-repository.ts).
   */
  readonly connection: number;
  /**
   * Called on every change with the notification's payload, and with none whenever the feed
   * goes down or comes back (then anything may have changed unheard).
   */
  subscribe(onChange: (payload?: string) => void): () => void;
  close(): Promise<void>;
}

function createFeed() {
  const listeners = new Set<(payload?: string) => void>();
  let isLive = false;
  let connection = 0;
  return {
    get isLive() {
      return isLive;
    },
    get connection() {
      return connection;
    },
    setLive(live: boolean) {
      if (live) connection += 1;
      isLive = live;
      for (const listener of listeners) listener();
    },
    changed(payload?: string) {
      for (const listener of listeners) listener(payload);
    },
    subscribe(onChange: (payload?: string) => void) {
      listeners.add(onChange);
      return () => void listeners.delete(onChange);
    },
  };
}

/** A dedicated connection that LISTENs, reconnecting after a second when the server goes away. */
export function listenOnPostgres(connectionString: string, channel = AUTH_CHANGED_CHANNEL): AuthChangeFeed {
  const feed = createFeed();
  let client: pg.Client | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;

  const connect = async () => {
    const next = new pg.Client({ connectionString });
    const down = () => {
      if (client !== next) return;
      client = null;
      feed.setLive(false);
      next.end().catch(() => {});
      if (!closed) retry = setTimeout(() => void connect(), 1_000).unref();
    };
    next.on('error', down);
    next.on('end', down);
    next.on('notification', (message) => feed.changed(message.payload));
    client = next;
    try {
      await next.connect();
      await next.query(`LISTEN ${channel}`);
      if (client === next && !closed) feed.setLive(true);
    } catch {
      down();
    }
  };
  void connect();

  return {
    get isLive() {
      return feed.isLive;
    },
    get connection() {
      return feed.connection;
    },
    subscribe: feed.subscribe,
    async close() {
      closed = true;
      clearTimeout(retry);
      const last = client;
      client = null;
      feed.setLive(false);
      await last?.end().catch(() => {});
    },
  };
}

/** PGlite delivers its own notifications in-process. */
export async function listenOnPglite(pglite: PGlite, channel = AUTH_CHANGED_CHANNEL): Promise<AuthChangeFeed> {
  const feed = createFeed();
  const unlisten = await pglite.listen(channel, (payload) => feed.changed(payload));
  feed.setLive(true);
  return {
    get isLive() {
      return feed.isLive;
    },
    get connection() {
      return feed.connection;
    },
    subscribe: feed.subscribe,
    async close() {
      feed.setLive(false);
      await unlisten();
    },
  };
}

/** Any channel's feed has the auth feed's shape (live flag, reconnects, subscribers). */
export type ChangeFeed = AuthChangeFeed;
