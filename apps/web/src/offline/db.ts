// The device store (IndexedDB, through idb): the outbox, and the snapshots of
// what the app last read (reference data, the township's ledger, totals).
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { OutboxItem } from './outbox-logic.ts';

export interface Snapshot {
  /** The request it answers ('/reference', '/stats?…'), or 'ledger' for the township's two years. */
  key: string;
  userId: number;
  savedAt: number;
  data: unknown;
}

interface OfflineDb extends DBSchema {
  outbox: { key: number; value: OutboxItem };
  snapshots: { key: string; value: Snapshot };
}

let opened: Promise<IDBPDatabase<OfflineDb>> | null = null;

export function offlineDb(): Promise<IDBPDatabase<OfflineDb>> {
  // Version 2, creating what is missing: a database opened by something else first (a
  // test, an extension) at version 1 has no stores, and would never be upgraded.
  opened ??= openDB<OfflineDb>('pufa-offline', 2, {
    upgrade(db) {
      if (!db.objectStoreNames.contains('outbox')) db.createObjectStore('outbox', { keyPath: 'id', autoIncrement: true });
      if (!db.objectStoreNames.contains('snapshots')) db.createObjectStore('snapshots', { keyPath: 'key' });
    },
  });
  return opened;
}
