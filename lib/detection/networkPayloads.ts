/**
 * The known list endpoints per platform and a tolerant reader for their JSON (seller-consoles.md §7.2): walk the
 * usual envelope keys to the item array instead of trusting one exact shape.
 */
import type { PlatformId } from '../schemas';

export interface Endpoint {
  platform: PlatformId;
  surface: 'review' | 'chat';
  pattern: RegExp;
  /** Where the item ids live in each item, first match wins. */
  idKeys: readonly string[];
}

export const KNOWN_ENDPOINTS: readonly Endpoint[] = [
  { platform: 'pinduoduo', surface: 'review', pattern: /^https:\/\/mms\.pinduoduo\.com\/saturn\/reviews\/list(?:[?#]|$)/, idKeys: ['orderSn', 'reviewId'] },
  { platform: 'pinduoduo', surface: 'chat', pattern: /^https:\/\/mms\.pinduoduo\.com\/plateau\/(?:chat\/list|sync\/message)(?:[?#]|$)/, idKeys: ['msg_id'] },
  { platform: 'taobao', surface: 'review', pattern: /^https:\/\/h5api\.m\.taobao\.com\/h5\/mtop\.rm\.sellercenter\.list\.data\.pc\//, idKeys: ['feedId'] },
  { platform: 'taobao', surface: 'chat', pattern: /^https:\/\/h5api\.m\.taobao\.com\/h5\/mtop\.taobao\.wireless\.amp2\.im\.paas\.message\.list\//, idKeys: ['messageId'] },
  // JD's review endpoint is ASSUMED (see jd.ts); the chat-log one is known (M).
  { platform: 'jd', surface: 'review', pattern: /^https:\/\/shop\.jd\.com\/jdm\/comment\/api\/getVenderComments/, idKeys: ['commentId'] },
  { platform: 'jd', surface: 'chat', pattern: /\/waiterSession\/queryChatLog/, idKeys: ['mid'] },
  { platform: 'dianping', surface: 'review', pattern: /^https:\/\/ecom\.meituan\.com\/emis\/gw\/rpc\/TFeedbackListNewService\/query(?:MT|DP)FeedbackPCNew/, idKeys: ['feedbackId'] },
];

export const ENDPOINT_PATTERNS: readonly RegExp[] = KNOWN_ENDPOINTS.map((e) => e.pattern);

export function endpointFor(url: string): Endpoint | undefined {
  return KNOWN_ENDPOINTS.find((e) => e.pattern.test(url));
}

const ENVELOPE_KEYS = ['data', 'result', 'body'];
const LIST_KEYS = ['dataSource', 'feedbacks', 'comments', 'messages', 'chatLogMessageList', 'userMessages', 'list', 'data', 'sync_data'];

/** The item array of a list response, or null when none is recognisable. Depth-bounded; never throws. */
export function findItemArray(json: unknown, depth = 0): unknown[] | null {
  if (depth > 5 || !json || typeof json !== 'object') return null;
  if (Array.isArray(json)) return json.every((x) => x && typeof x === 'object') ? json : null;
  const obj = json as Record<string, unknown>;
  for (const key of LIST_KEYS) {
    const v = obj[key];
    if (Array.isArray(v) && v.every((x) => x && typeof x === 'object')) return v;
  }
  for (const key of [...ENVELOPE_KEYS, ...LIST_KEYS]) {
    const v = obj[key];
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const found = findItemArray(v, depth + 1);
      if (found) return found;
    }
  }
  return null;
}

export interface NetworkObservation {
  platform: PlatformId;
  surface: 'review' | 'chat';
  url: string;
  count: number;
  ids: string[];
}

/** Reads one observed response; null when it is not a known endpoint or not a list we can read. */
export function readObservedResponse(url: string, body: string): NetworkObservation | null {
  if (!endpointFor(url)) return null;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return null;
  }
  return observationOf(url, json);
}

/** The same for an already parsed body (JSON.parse only: the page's data is never evaluated). */
export function observationOf(url: string, json: unknown): NetworkObservation | null {
  const endpoint = endpointFor(url);
  if (!endpoint) return null;
  const items = findItemArray(json);
  if (!items) return null;
  const ids: string[] = [];
  for (const item of items) {
    const rec = item as Record<string, unknown>;
    const nested = (rec['rateContent'] as { mainRate?: Record<string, unknown> } | undefined)?.mainRate;
    for (const key of endpoint.idKeys) {
      const v = rec[key] ?? nested?.[key];
      if (typeof v === 'string' || typeof v === 'number') {
        ids.push(String(v));
        break;
      }
    }
  }
  return { platform: endpoint.platform, surface: endpoint.surface, url: url.split('?')[0]!, count: items.length, ids };
}
