// Start-up check of FILES_DIR against event_file: files no row names (an upload
// cut off between the rename and the insert, or a restore of another backup)
// and rows whose file is missing (a disk restored without its database or the
// other way round). Reported, never deleted: an operator decides.
import type { EvidenceRepository } from '@pufa/db';
import type { FileStore } from './file-store.ts';
import { EXPORT_KEY_PREFIX } from '../jobs/run-export-job.ts';

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
  // Export jobs' results are kept beside the evidence under their own prefix: theirs to remove (retention), not orphans.
  const evidenceKeys = onDisk.filter((key) => !key.startsWith(EXPORT_KEY_PREFIX));
  const present = new Set(evidenceKeys);
  return {
    files: evidenceKeys.length,
    rows: keys.size,
    orphanFiles: evidenceKeys.filter((key) => !keys.has(key)).sort(),
    missingFiles: [...keys].filter((key) => !present.has(key)).sort(),
  };
}
