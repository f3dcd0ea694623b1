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
  opened ??= openDB<OfflineDb>('pufa-offline', 1, {
    upgrade(db) {
      db.createObjectStore('outbox', { keyPath: 'id', autoIncrement: true });
      db.createObjectStore('snapshots', { keyPath: 'key' });
    },
  });
  return opened;
}
