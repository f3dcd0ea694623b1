// Measures an .xlsx (a zip) before any parser sees it: too many entries or too
// many bytes once unzipped (a "zip bomb") are refused. Each entry is really
// inflated with a running count, so an entry that lies about its size is
// caught too (yauzl checks the bytes against the declared size).
import yauzl from 'yauzl';
import { IMPORT_LIMITS } from '@pufa/domain';

export type ZipVerdict = 'ok' | 'tooLarge' | 'corrupt';

export function checkZip(bytes: Buffer, limits = { entries: IMPORT_LIMITS.zipEntries, unzippedBytes: IMPORT_LIMITS.unzippedBytes }): Promise<ZipVerdict> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (verdict: ZipVerdict, zip?: yauzl.ZipFile) => {
      if (settled) return;
      settled = true;
      zip?.close();
      resolve(verdict);
    };
    yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false }, (error, zip) => {
      if (error || !zip) return finish('corrupt');
      if (zip.entryCount > limits.entries) return finish('tooLarge', zip);
      let declared = 0;
      let inflated = 0;
      zip.on('error', () => finish('corrupt', zip));
      zip.on('end', () => finish('ok', zip));
      zip.on('entry', (entry: yauzl.Entry) => {
        declared += entry.uncompressedSize;
        if (declared > limits.unzippedBytes) return finish('tooLarge', zip);
        if (entry.fileName.endsWith('/')) return zip.readEntry();
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return finish('corrupt', zip);
          stream.on('data', (chunk: Buffer) => {
            inflated += chunk.length;
            if (inflated > limits.unzippedBytes) {
              stream.destroy();
              finish('tooLarge', zip);
            }
          });
          stream.on('error', () => finish('corrupt', zip));
          stream.on('end', () => zip.readEntry());
        });
      });
      zip.readEntry();
    });
  });
}
