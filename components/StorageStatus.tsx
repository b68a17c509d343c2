import { useEffect, useState } from 'react';
import { describeStorage, KEEP_A_COPY, type StorageFacts, type StoragePort } from '../lib/evidence/storage';

const browserStorage: StoragePort = {
  persist: () => navigator.storage?.persist?.() ?? Promise.resolve(false),
  persisted: () => navigator.storage?.persisted?.() ?? Promise.resolve(false),
  estimate: () => navigator.storage?.estimate?.() ?? Promise.resolve({}),
};

/** Asks the browser to keep our data (persist), shows how much space the evidence uses, and says to keep a copy. */
export function StorageStatus({ port = browserStorage }: { port?: StoragePort }) {
  const [facts, setFacts] = useState<StorageFacts | null>(null);
  useEffect(() => {
    let alive = true;
    describeStorage(port)
      .then((f) => alive && setFacts(f))
      .catch(() => alive && setFacts(null));
    return () => {
      alive = false;
    };
  }, [port]);
  return (
    <>
      {facts && (
        <p className={facts.warning ? 'rg-warning rg-storage' : 'rg-muted rg-storage'} data-testid="storage-status" data-level={facts.level}>
          {facts.text}
        </p>
      )}
      <p className="rg-muted rg-storage" data-testid="storage-keep-a-copy">
        {KEEP_A_COPY}
      </p>
    </>
  );
}
