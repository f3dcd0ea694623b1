// Start-up check of FILES_DIR against event_file: files no row names (an upload
// cut off between the rename and the insert, or a restore of another backup)
// and rows whose file is missing (a disk restored without its database or the
// other way round). Reported, never deleted: an operator decides.
import type { EvidenceRepository } from '@pufa/db';
import type { FileStore } from './file-store.ts';

export interface EvidenceStoreReport {
  files: number;
  rows: number;
  /** Files on disk with no row. */
  orphanFiles: string[];
  /** Rows whose original is not on disk. */
  missingFiles: string[];
}

export async function checkEvidenceStore(store: FileStore, evidence: EvidenceRepository): Promise<EvidenceStoreReport> {
  const [onDisk, keys] = await Promise.all([store.listKeys(), evidence.allStorageKeys()]);
  const present = new Set(onDisk);
  return {
    files: onDisk.length,
    rows: keys.size,
    orphanFiles: onDisk.filter((key) => !keys.has(key)).sort(),
    missingFiles: [...keys].filter((key) => !present.has(key)).sort(),
  };
}
