// Creates or upgrades the history database with every exception caught, so a failed upgrade is a
// message and never a panic in the upgrade handler of the IndexedDB wrapper (which would abort the
// page): the wrapper then opens a database that is already at its version.

/**
 * Opens `name` at `version`, creates the object stores in `stores` it lacks, and closes it. Resolves
 * to `null`, or to the browser's reason when it refused (the upgrade is then rolled back).
 */
export function prepareDatabase(name, version, stores) {
  return new Promise((resolve) => {
    const reason = (e) => (e ? `${e.name}: ${e.message}` : 'the browser refused to open the database');
    let request;
    try {
      request = indexedDB.open(name, version);
    } catch (e) {
      return resolve(reason(e));
    }
    let failed = null;
    request.onupgradeneeded = () => {
      try {
        const db = request.result;
        for (const store of stores) {
          if (!db.objectStoreNames.contains(store)) db.createObjectStore(store);
        }
      } catch (e) {
        failed = reason(e);
        try {
          request.transaction.abort();
        } catch {
          // Already ended: the open fails on its own.
        }
      }
    };
    request.onsuccess = () => {
      request.result.close();
      resolve(failed);
    };
    request.onerror = (event) => {
      event.preventDefault?.();
      resolve(failed ?? reason(request.error));
    };
  });
}
