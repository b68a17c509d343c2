/**
 * Read-only copy of the page's own JSON responses for the known endpoints (detection layer 1).
 *
 * Runs in the page's MAIN world at document_start, before the page keeps references to fetch / XMLHttpRequest.
 * It never sends, blocks, alters or replays a request: the originals are called with the page's own arguments and
 * their results returned untouched; a matching response is only read (XHR `load`, or a clone of a fetch Response)
 * and posted to the content script. JSONP (Taobao mtop) arrives as <script> loads, so the named callback is wrapped
 * (the wrapper calls the original first and copies its argument).
 *
 * The page can post the same message shape itself: the content script treats these payloads as untrusted data, used
 * for counts and cross-checks, and kept (size-capped, by item id) as the page's own data next to a capture.
 */

export const NET_MESSAGE_TAG = '__reviewguard_net__';
const MAX_BODY_CHARS = 8_000_000;

export interface NetPayload {
  [NET_MESSAGE_TAG]: 1;
  url: string;
  transport: 'xhr' | 'fetch' | 'jsonp';
  body: string;
}

export function isNetPayload(data: unknown): data is NetPayload {
  if (!data || typeof data !== 'object') return false;
  const d = data as Record<string, unknown>;
  return (
    d[NET_MESSAGE_TAG] === 1 &&
    typeof d['url'] === 'string' &&
    typeof d['body'] === 'string' &&
    (d['transport'] === 'xhr' || d['transport'] === 'fetch' || d['transport'] === 'jsonp')
  );
}

type Win = Window & typeof globalThis & Record<string, unknown>;

/** Installs the tap once per window. `endpoints` are tested against absolute request URLs. */
export function installNetworkTap(win: Window, endpoints: readonly RegExp[]): void {
  const w = win as Win;
  if (w['__reviewguardNetTap']) return;
  Object.defineProperty(w, '__reviewguardNetTap', { value: true });
  const matches = (url: string) => endpoints.some((e) => e.test(url));
  const post = (url: string, transport: NetPayload['transport'], body: string) => {
    try {
      const payload: NetPayload = { [NET_MESSAGE_TAG]: 1, url, transport, body: body.slice(0, MAX_BODY_CHARS) };
      w.postMessage(payload, w.location.origin === 'null' ? '*' : w.location.origin);
    } catch {
      /* never disturb the page */
    }
  };
  const absolute = (url: unknown) => {
    try {
      return new URL(String(url), w.location.href).href;
    } catch {
      return '';
    }
  };

  const xhrProto = w.XMLHttpRequest?.prototype;
  if (xhrProto) {
    const urls = new WeakMap<XMLHttpRequest, string>();
    const open = xhrProto.open;
    xhrProto.open = function (this: XMLHttpRequest, ...args: unknown[]) {
      try {
        urls.set(this, absolute(args[1]));
      } catch {
        /* ignore */
      }
      return (open as (...a: unknown[]) => void).apply(this, args);
    } as typeof xhrProto.open;
    const send = xhrProto.send;
    xhrProto.send = function (this: XMLHttpRequest, ...args: unknown[]) {
      try {
        const url = urls.get(this) ?? '';
        if (url && matches(url)) {
          this.addEventListener('load', () => {
            try {
              if (this.responseType === '' || this.responseType === 'text') post(url, 'xhr', this.responseText);
              else if (this.responseType === 'json') post(url, 'xhr', JSON.stringify(this.response));
            } catch {
              /* ignore */
            }
          });
        }
      } catch {
        /* ignore */
      }
      return (send as (...a: unknown[]) => void).apply(this, args);
    } as typeof xhrProto.send;
  }

  const originalFetch = w.fetch;
  if (typeof originalFetch === 'function') {
    w.fetch = function (this: unknown, ...args: Parameters<typeof fetch>) {
      const result = originalFetch.apply(this, args);
      try {
        const input = args[0];
        const url = absolute(typeof input === 'string' || input instanceof URL ? input : (input as Request).url);
        if (url && matches(url)) {
          result.then(
            (response) => {
              try {
                response.clone().text().then((text) => post(url, 'fetch', text), () => undefined);
              } catch {
                /* ignore */
              }
            },
            () => undefined,
          );
        }
      } catch {
        /* ignore */
      }
      return result;
    } as typeof fetch;
  }

  // JSONP: wrap the named callback when a matching <script src="…callback=name"> is added.
  const wrapJsonp = (script: HTMLScriptElement) => {
    const src = script.src;
    if (!src || !matches(src)) return;
    const name = /[?&]callback=([\w$]{1,80})/.exec(src)?.[1];
    const original = name ? w[name] : undefined;
    if (!name || typeof original !== 'function' || (original as { __rg?: boolean }).__rg) return;
    const wrapped = function (this: unknown, ...args: unknown[]) {
      const out = (original as (...a: unknown[]) => unknown).apply(this, args);
      try {
        post(src, 'jsonp', JSON.stringify(args[0]));
      } catch {
        /* ignore */
      }
      return out;
    };
    Object.defineProperty(wrapped, '__rg', { value: true });
    w[name] = wrapped;
  };
  // JSONP loaders (mtop, jQuery) append their <script> to <head> (or <body> / <html>): only those parents' own
  // children are watched, not the whole document — a subtree observer here would cost the page a record and a
  // callback for every change it makes to its own content, for as long as it is open.
  try {
    const doc = w.document;
    const watched = new WeakSet<Node>();
    const watch = (parent: Node | null) => {
      if (!parent || watched.has(parent)) return;
      watched.add(parent);
      observer.observe(parent, { childList: true });
    };
    const watchParents = () => {
      watch(doc.documentElement);
      watch(doc.head);
      watch(doc.body);
    };
    const observer = new w.MutationObserver((records) => {
      let parentsChanged = false;
      for (const r of records) {
        const added = r.addedNodes;
        for (let i = 0; i < added.length; i++) {
          const n = added[i] as Element;
          if (n.tagName === 'SCRIPT') wrapJsonp(n as HTMLScriptElement);
          else if (n.nodeType === 1 && (n.tagName === 'HEAD' || n.tagName === 'BODY' || n.tagName === 'HTML')) parentsChanged = true;
        }
      }
      if (parentsChanged) watchParents();
    });
    observer.observe(doc, { childList: true }); // a new <html> (document.open / written frames)
    watchParents();
  } catch {
    /* ignore */
  }
}
