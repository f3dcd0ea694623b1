// The signed-in user this device kept (offline/device-data.ts writes it), read with the bare
// IndexedDB API so the first request of a visit, /auth/me, can be answered from the device before
// the offline code's chunk has loaded (a repeat visit on a slow network paints at once).
const DB_NAME = 'pufa-offline';

export function keptSession(): Promise<{ data: unknown } | undefined> {
  return new Promise((resolve) => {
    try {
      const open = indexedDB.open(DB_NAME);
      // Not there yet: leave its creation to the offline code (which creates its stores).
      open.onupgradeneeded = () => open.transaction?.abort();
      open.onerror = () => resolve(undefined);
      open.onblocked = () => resolve(undefined);
      open.onsuccess = () => {
        const db = open.result;
        const done = (value: { data: unknown } | undefined) => {
          db.close();
          resolve(value);
        };
        try {
          const get = db.transaction('snapshots').objectStore('snapshots').get('/auth/me');
          get.onsuccess = () => done(get.result ? { data: (get.result as { data: unknown }).data } : undefined);
          get.onerror = () => done(undefined);
        } catch {
          done(undefined);
        }
      };
    } catch {
      resolve(undefined);
    }
  });
}
