import type { Worker } from 'playwright-core';

/**
 * Reads a whole object store of the extension's `reviewguard` database from the service worker, with plain IndexedDB
 * (only the row with primary key `key`, when given).
 */
export async function readStore(sw: Worker, store: string, key?: string): Promise<Record<string, unknown>[]> {
  return sw.evaluate(
    ([name, only]) =>
      new Promise<Record<string, unknown>[]>((resolve, reject) => {
        const open = indexedDB.open('reviewguard');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction(name).objectStore(name).getAll(only);
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
    [store, key] as const,
  );
}

/** A review's (first) evidence record, by review key, or one evidence record by its id. */
export type EvidenceRef = string | { id: string };

/** Recomputes the SHA-256 of the stored bytes of an evidence record, independently of the extension's code. */
export async function sha256OfBytes(sw: Worker, evidence: EvidenceRef): Promise<string> {
  return sw.evaluate(
    (ref) =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open('reviewguard');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const store = open.result.transaction('evidence').objectStore('evidence');
          const request = typeof ref === 'string' ? store.index('reviewKey').getAll(ref) : store.getAll(ref.id);
          request.onsuccess = async () => {
            const row = (request.result as { bytes: Uint8Array<ArrayBuffer> }[])[0];
            if (!row) return reject(new Error('no evidence'));
            const digest = await crypto.subtle.digest('SHA-256', row.bytes);
            resolve(Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join(''));
          };
        };
      }),
    evidence,
  );
}

/**
 * Counts pixels of a colour (each channel within `tolerance`) in an evidence record's stored screenshot, or in its
 * annotated copy (decoded in the service worker).
 */
export async function countColourInEvidence(
  sw: Worker,
  evidence: EvidenceRef,
  rgb: [number, number, number],
  { file = 'original', tolerance = 8 }: { file?: 'original' | 'annotated'; tolerance?: number } = {},
): Promise<number> {
  return sw.evaluate(
    ([ref, [r, g, b], which, near]) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('reviewguard');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const store = open.result.transaction('evidence').objectStore('evidence');
          const request = typeof ref === 'string' ? store.index('reviewKey').getAll(ref) : store.getAll(ref.id);
          request.onsuccess = async () => {
            type Image = { bytes: Uint8Array<ArrayBuffer>; mime: string };
            const row = (request.result as (Image & { annotated?: Image })[])[0];
            const image = which === 'original' ? row : row?.annotated;
            if (!image) return reject(new Error(`no ${which} file for evidence`));
            const bitmap = await createImageBitmap(new Blob([image.bytes], { type: image.mime }));
            const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
            const ctx = canvas.getContext('2d')!;
            ctx.drawImage(bitmap, 0, 0);
            const data = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
            let n = 0;
            for (let i = 0; i < data.length; i += 4) {
              if (Math.abs(data[i]! - r) < near && Math.abs(data[i + 1]! - g) < near && Math.abs(data[i + 2]! - b) < near) n++;
            }
            resolve(n);
          };
        };
      }),
    [evidence, rgb, file, tolerance] as const,
  );
}

/**
 * One stored file of an evidence record (the original, or its annotated copy), base64, with its type: to save the
 * exact evidence file to disk.
 */
export async function evidenceFileBase64(sw: Worker, evidence: EvidenceRef, file: 'original' | 'annotated'): Promise<{ base64: string; mime: string }> {
  return sw.evaluate(
    ([ref, which]) =>
      new Promise<{ base64: string; mime: string }>((resolve, reject) => {
        const open = indexedDB.open('reviewguard');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const store = open.result.transaction('evidence').objectStore('evidence');
          const request = typeof ref === 'string' ? store.index('reviewKey').getAll(ref) : store.getAll(ref.id);
          request.onsuccess = () => {
            type Image = { bytes: Uint8Array; mime: string };
            const row = (request.result as (Image & { annotated?: Image })[])[0];
            const image = which === 'original' ? row : row?.annotated;
            if (!image) return reject(new Error(`no ${which} file for evidence ${JSON.stringify(ref)}`));
            let binary = '';
            for (const b of image.bytes) binary += String.fromCharCode(b);
            resolve({ base64: btoa(binary), mime: image.mime });
          };
        };
      }),
    [evidence, file] as const,
  );
}

/**
 * Grows the database to `total` cases for long-list tests and benchmarks: the cases already captured, and their
 * evidence, are copied under new keys (`pinduoduo:bench-<i>`, order number `bench-<i>`), each an hour older than the
 * last, one evidence record each.
 */
export async function replicateCases(sw: Worker, total: number): Promise<void> {
  await sw.evaluate(
    (n) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('reviewguard');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(['cases', 'evidence'], 'readwrite');
          const cases = tx.objectStore('cases');
          const evidence = tx.objectStore('evidence');
          const seedCases = cases.getAll();
          const seedEvidence = evidence.getAll();
          seedEvidence.onsuccess = () => {
            const cs = seedCases.result as { updatedAtMs: number; review: Record<string, unknown> }[];
            const es = seedEvidence.result as Record<string, unknown>[];
            if (cs.length === 0 || es.length === 0) return tx.abort();
            for (let i = cs.length; i < n; i++) {
              const c = cs[i % cs.length]!;
              const key = `pinduoduo:bench-${i}`;
              cases.put({ ...c, key, review: { ...c.review, key, orderSn: `bench-${i}` }, updatedAtMs: c.updatedAtMs - i * 3_600_000 });
              evidence.put({ ...es[i % es.length]!, id: `bench-${i}`, caseKey: key, reviewKey: key });
            }
          };
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error ?? new Error('nothing to replicate: capture a review first'));
          tx.onabort = () => reject(tx.error ?? new Error('nothing to replicate: capture a review first'));
        };
      }),
    total,
  );
}
