// The big screens open on this API process, and what wakes them: the database's
// pufa_event_changed notifications (a township id each; see the migration
// event_change_notifications), heard on one LISTEN connection per process, so a
// save through any process (or a SQL console) reaches every screen. A screen is
// told only of townships in its user's scope (inScope, the session's scope).
import { inScope, type Actor, type ChangeFeed } from '@pufa/db';

export interface ScreenViewer {
  /** Read on every notification: the stream refreshes it when the session changes. */
  actor: Actor;
  /** A township of the viewer's scope changed; null: anything may have (the listener reconnected). */
  changed(townshipId: number | null): void;
}

export function createScreenHub(feed: ChangeFeed) {
  const viewers = new Set<ScreenViewer>();
  const unsubscribe = feed.subscribe((payload) => {
    // No payload: the listener went down or came back, and changes may have gone unheard.
    const townshipId = payload === undefined ? null : Number(payload);
    for (const viewer of viewers) {
      if (townshipId === null || inScope(viewer.actor, townshipId)) viewer.changed(townshipId);
    }
  });
  return {
    /** Resolves once the listener is up (or after `timeoutMs`). */
    live(timeoutMs: number): Promise<void> {
      if (feed.isLive) return Promise.resolve();
      return new Promise((resolve) => {
        const done = () => {
          clearTimeout(timer);
          stop();
          resolve();
        };
        const timer = setTimeout(done, timeoutMs);
        const stop = feed.subscribe(() => {
          if (feed.isLive) done();
        });
      });
    },
    get size() {
      return viewers.size;
    },
    add(viewer: ScreenViewer): () => void {
      viewers.add(viewer);
      return () => void viewers.delete(viewer);
    },
    close: unsubscribe,
  };
}

export type ScreenHub = ReturnType<typeof createScreenHub>;

/**
 * Collects changed townships and hands them to `send` at once, then at most once per
 * `minGapMs` (an import of many events costs a screen one refetch a second).
 * `null` in the set: anything may have changed.
 */
export function batchChanges(send: (townshipIds: Set<number | null>) => void, minGapMs: number) {
  let lastSentAt = -Infinity;
  let timer: NodeJS.Timeout | undefined;
  let pending = new Set<number | null>();
  const fire = () => {
    timer = undefined;
    lastSentAt = Date.now();
    const batch = pending;
    pending = new Set();
    send(batch);
  };
  return {
    add(townshipId: number | null) {
      pending.add(townshipId);
      if (timer) return;
      const wait = lastSentAt + minGapMs - Date.now();
      if (wait <= 0) fire();
      else timer = setTimeout(fire, wait);
    },
    cancel: () => clearTimeout(timer),
  };
}
