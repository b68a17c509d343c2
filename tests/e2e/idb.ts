import type { Worker } from 'playwright-core';

/** Reads a whole object store of the extension's `reviewguard` database from the service worker, with plain IndexedDB. */
export async function readStore(sw: Worker, store: string): Promise<Record<string, unknown>[]> {
  return sw.evaluate(
    (name) =>
      new Promise<Record<string, unknown>[]>((resolve, reject) => {
        const open = indexedDB.open('reviewguard');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction(name).objectStore(name).getAll();
          request.onerror = () => reject(request.error);
          request.onsuccess = () =>
            resolve(
              (request.result as Record<string, unknown>[]).map((row) => {
                const copy: Record<string, unknown> = { ...row };
                if (row.bytes instanceof Uint8Array) {
                  copy.byteLength = row.bytes.byteLength;
                  delete copy.bytes;
                }
                return copy;
              }),
            );
        };
      }),
    store,
  );
}

/** Recomputes the SHA-256 of the stored bytes of a review's evidence, independently of the extension's code. */
export async function sha256OfBytes(sw: Worker, reviewKey: string): Promise<string> {
  return sw.evaluate(
    (key) =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open('reviewguard');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('evidence').objectStore('evidence').index('reviewKey').getAll(key);
          request.onsuccess = async () => {
            const row = (request.result as { bytes: Uint8Array<ArrayBuffer> }[])[0];
            if (!row) return reject(new Error('no evidence'));
            const digest = await crypto.subtle.digest('SHA-256', row.bytes);
            resolve(Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join(''));
          };
        };
      }),
    reviewKey,
  );
}
