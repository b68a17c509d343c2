/**
 * A bounded cache of the items the page's own list requests returned (copied read-only by the MAIN-world network
 * tap), indexed by their ids, so a capture can keep "the page's own JSON for that item when it was observed".
 *
 * The payloads are untrusted page data: they are parsed with JSON.parse only (never evaluated), each item is
 * size-capped (MAX_PAGE_JSON_BYTES), the count and total size are capped (oldest dropped first), and ids are only
 * short strings or numbers. A review is matched by the ids the platform adapter read from the page (its key and
 * order number); when nothing matches, or several different items share the id, the capture says so and keeps
 * null rather than guessing.
 */
import { MAX_PAGE_JSON_BYTES, type EvidenceKind, type ObservedPageJson, type PlatformId, type ReviewSnapshot } from '../schemas';
import { endpointFor, findItemArray, type Endpoint } from './networkPayloads';

export const MAX_CACHED_ITEMS = 2_000;
export const MAX_CACHED_BYTES = 8 * 1024 * 1024;
/** Fields that carry the order number in the platforms' list items (besides each endpoint's own idKeys). */
export const ORDER_ID_KEYS: readonly string[] = ['orderSn', 'order_sn', 'orderId', 'mainOrderId', 'orderNo', 'bizOrderId'];

/**
 * What a seller calls the id a page-data record was matched by (the JSON field names are the platforms', not theirs):
 * 订单号 for an order-number field, else the review's or the message's own number.
 */
export function pageJsonIdLabel(field: string, kind: EvidenceKind): string {
  if (ORDER_ID_KEYS.includes(field)) return '订单号';
  return kind === 'negotiation' ? '消息编号' : '评价编号';
}

/** How deep into an item ids are looked for (Taobao keeps them in rateContent.mainRate / itemInfo / orderInfo). */
const ID_DEPTH = 2;
const ID_VALUE = /^[\w.:-]{1,80}$/;

export interface ItemId {
  field: string;
  value: string;
}

export interface ObservedItem {
  platform: PlatformId;
  surface: 'review' | 'chat';
  endpoint: string;
  transport: ObservedPageJson['transport'];
  observedAtMs: number;
  ids: ItemId[];
  /** JSON.stringify of the item; null when it was larger than MAX_PAGE_JSON_BYTES (only its size is kept). */
  json: string | null;
  bytes: number;
}

const utf8 = new TextEncoder();

/** Every id-like field of an item (the endpoint's idKeys and the order-number keys), depth-bounded. */
export function idsOfItem(item: unknown, endpoint: Pick<Endpoint, 'idKeys'>): ItemId[] {
  const wanted = new Set([...endpoint.idKeys, ...ORDER_ID_KEYS]);
  const ids: ItemId[] = [];
  const seen = new Set<string>();
  const walk = (value: unknown, depth: number) => {
    if (!value || typeof value !== 'object' || Array.isArray(value) || depth > ID_DEPTH) return;
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      if (wanted.has(key) && (typeof v === 'string' || (typeof v === 'number' && Number.isSafeInteger(v)))) {
        const s = String(v).trim();
        if (ID_VALUE.test(s) && !seen.has(`${key}\u0000${s}`)) {
          seen.add(`${key}\u0000${s}`);
          ids.push({ field: key, value: s });
        }
      } else if (v && typeof v === 'object' && !Array.isArray(v)) walk(v, depth + 1);
    }
  };
  walk(item, 0);
  return ids;
}

/** The items of one observed response of a known endpoint; [] when it is not one or not a readable list. */
export function readObservedItems(
  url: string,
  transport: ObservedPageJson['transport'],
  json: unknown,
  observedAtMs: number,
): ObservedItem[] {
  const endpoint = endpointFor(url);
  if (!endpoint) return [];
  const items = findItemArray(json);
  if (!items) return [];
  const out: ObservedItem[] = [];
  for (const item of items) {
    const ids = idsOfItem(item, endpoint);
    if (ids.length === 0) continue;
    let text: string;
    try {
      text = JSON.stringify(item);
    } catch {
      continue;
    }
    // UTF-8 is at most 3 bytes per UTF-16 unit: skip encoding what is surely too large.
    const bytes = text.length > MAX_PAGE_JSON_BYTES ? Math.max(text.length, MAX_PAGE_JSON_BYTES + 1) : utf8.encode(text).byteLength;
    out.push({
      platform: endpoint.platform,
      surface: endpoint.surface,
      endpoint: url.split(/[?#]/)[0]!,
      transport,
      observedAtMs,
      ids,
      json: bytes <= MAX_PAGE_JSON_BYTES ? text : null,
      bytes,
    });
  }
  return out;
}

/** The ids of a review as the platform adapter read them from the page, most specific first. */
export function reviewIds(snapshot: Pick<ReviewSnapshot, 'key' | 'platform' | 'orderSn'>): string[] {
  const ids: string[] = [];
  const rest = snapshot.key.startsWith(`${snapshot.platform}:`) ? snapshot.key.slice(snapshot.platform.length + 1) : '';
  // `taobao:<feedId>` names the review itself; `taobao:order:<n>` only its order.
  const own = rest.startsWith('order:') ? rest.slice('order:'.length) : rest;
  if (own && ID_VALUE.test(own)) ids.push(own);
  if (snapshot.orderSn && ID_VALUE.test(snapshot.orderSn) && !ids.includes(snapshot.orderSn)) ids.push(snapshot.orderSn);
  return ids;
}

export type PageJsonLookup =
  | { status: 'found'; pageJson: ObservedPageJson }
  | { status: 'not-observed'; note: string }
  | { status: 'too-large'; note: string }
  | { status: 'ambiguous'; note: string };

interface Entry {
  item: ObservedItem;
  keys: string[];
}

/** Index slot: the entry, or the ids of several different items of one response that share the id. */
type Slot = { entry: Entry; generation: number } | { ambiguous: number; generation: number };

export class ObservedItemCache {
  private readonly entries = new Set<Entry>();
  private readonly index = new Map<string, Slot>();
  private totalBytes = 0;
  private generation = 0;

  constructor(
    private readonly maxItems = MAX_CACHED_ITEMS,
    private readonly maxBytes = MAX_CACHED_BYTES,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get bytes(): number {
    return this.totalBytes;
  }

  /** Adds the items of one response; a later response replaces what an earlier one said about the same id. */
  addResponse(items: readonly ObservedItem[]): void {
    const generation = ++this.generation;
    for (const item of items) {
      const entry: Entry = { item, keys: item.ids.map((id) => `${item.platform}\u0000${item.surface}\u0000${id.value}`) };
      for (const key of entry.keys) {
        const slot = this.index.get(key);
        if (slot && slot.generation === generation) {
          // Two items of the same response share this id: no single item can be named for it.
          const same = 'entry' in slot && slot.entry.item.json === item.json;
          if (!same) this.index.set(key, { ambiguous: ('ambiguous' in slot ? slot.ambiguous : 1) + 1, generation });
        } else this.index.set(key, { entry, generation });
      }
      this.entries.add(entry);
      this.totalBytes += item.json === null ? 0 : item.bytes;
      this.evict();
    }
    // "Several items share this id" markers of earlier responses are not entries: bound them too.
    if (this.index.size > this.maxItems * 8)
      for (const [key, slot] of this.index) if ('ambiguous' in slot && slot.generation !== generation) this.index.delete(key);
  }

  /** Index slots (ids), for tests of the bounds. */
  get indexSize(): number {
    return this.index.size;
  }

  private evict(): void {
    while (this.entries.size > this.maxItems || this.totalBytes > this.maxBytes) {
      const oldest = this.entries.values().next().value as Entry | undefined;
      if (!oldest) return;
      this.entries.delete(oldest);
      this.totalBytes -= oldest.item.json === null ? 0 : oldest.item.bytes;
      for (const key of oldest.keys) {
        const slot = this.index.get(key);
        if (slot && 'entry' in slot && slot.entry === oldest) this.index.delete(key);
      }
    }
  }

  /** The page's own JSON for a review, matched by its ids (most specific first); said, not guessed. */
  lookup(platform: PlatformId, surface: 'review' | 'chat', ids: readonly string[]): PageJsonLookup {
    let ambiguous: { value: string; count: number } | null = null;
    for (const value of ids) {
      const slot = this.index.get(`${platform}\u0000${surface}\u0000${value}`);
      if (!slot) continue;
      if ('ambiguous' in slot) {
        ambiguous ??= { value, count: slot.ambiguous };
        continue;
      }
      const { item } = slot.entry;
      const field = item.ids.find((id) => id.value === value)?.field ?? 'id';
      if (item.json === null)
        return {
          status: 'too-large',
          note: `页面接口返回的该条数据有 ${Math.ceil(item.bytes / 1024)} KB，超过 ${MAX_PAGE_JSON_BYTES / 1024} KB 上限，未记录`,
        };
      return {
        status: 'found',
        pageJson: {
          endpoint: item.endpoint,
          transport: item.transport,
          observedAtMs: item.observedAtMs,
          matchedBy: { field, value },
          bytes: item.bytes,
          item: JSON.parse(item.json) as unknown,
        },
      };
    }
    if (ambiguous)
      return {
        status: 'ambiguous',
        note: `页面接口返回的数据中有 ${ambiguous.count} 条不同记录的编号都是 ${ambiguous.value}，无法确定对应哪一条，未记录`,
      };
    return {
      status: 'not-observed',
      note:
        ids.length === 0
          ? '页面上没有读到这条评价的编号，无法对应页面接口数据，未记录'
          : '本页打开后没有观察到包含这条评价的接口数据（可能在扩展启动前已加载，或接口未知），未记录；可刷新页面后重新采集',
    };
  }

  /** pageJson and pageJsonNote for a capture of this review. */
  forReview(snapshot: Pick<ReviewSnapshot, 'key' | 'platform' | 'orderSn'>): { pageJson: ObservedPageJson | null; pageJsonNote: string | null } {
    const found = this.lookup(snapshot.platform, 'review', reviewIds(snapshot));
    return found.status === 'found' ? { pageJson: found.pageJson, pageJsonNote: null } : { pageJson: null, pageJsonNote: found.note };
  }
}
