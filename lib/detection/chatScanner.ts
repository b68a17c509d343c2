/**
 * Finds chat messages on a seller console's chat page, keys them, and flags buyers' 差评要挟.
 *
 *   MutationObserver per scope (document + shadow roots) ──(collect only)──▶ dirty ──▶ one batched pass
 *   low-frequency rescan (Vue re-mounts, late mounts, new shadow roots) ────────────┘      │
 *       adapter.readMessages ─▶ data-rg-chat / data-rg-sender / data-rg-time / data-rg-flag ─▶ onMessages(new ones)
 *
 * Shadow roots, open or closed, are entered through `openShadowRoot` (the content script passes
 * chrome.dom.openOrClosedShadowRoot); recursion is bounded. Nothing here throws into the page.
 */
import { fnv1a } from '../platforms/heuristics';
import type { ChatConversation, ChatMessageRead, ChatPageAdapter, ChatSender } from '../platforms/types';
import type { PlatformId } from '../schemas';
import { UI_ATTR } from './reviewScanner';

export const CHAT_ATTR = 'data-rg-chat';

export interface ChatFinding {
  key: string;
  platform: PlatformId;
  conversationKey: string;
  buyerId: string | null;
  buyerNick: string | null;
  orderSn: string | null;
  sender: ChatSender;
  text: string;
  timeMs: number | null;
  flag: 'extortion' | null;
  missing: string[];
}

export interface ChatScanStats {
  messages: number;
  buyer: number;
  seller: number;
  system: number;
  flagged: number;
  unreadable: number;
  scopes: number;
  ms: number;
}

/** One scope of the last pass: the messages found there (possibly none). */
export interface ChatScopeSeen {
  scope: ParentNode;
  messages: readonly Element[];
}

/** What the last pass looked at, for the work that follows a scan (capture controls, send guard, watch-list). */
export interface ChatPass {
  scopes: ParentNode[];
  seen: readonly ChatScopeSeen[];
}

export interface ChatScannerOptions {
  adapter: ChatPageAdapter;
  document: Document;
  /** Returns the shadow root of `host`, closed ones included when the browser allows it. */
  openShadowRoot?(host: Element): ShadowRoot | null;
  /** True when a buyer's message threatens a bad review for money or favours. */
  isExtortion(text: string): boolean;
  onMessages?(found: ChatFinding[]): void;
  onScan?(stats: ChatScanStats, pass: ChatPass): void;
  onError?(error: unknown): void;
  batchDelayMs?: number;
  /** Full rescan interval while messages are on screen; slower when the page has shown none for a minute. */
  rescanMs?: number;
  idleRescanMs?: number;
  now?: () => number;
}

const MAX_SHADOW_DEPTH = 4;
const MAX_SHADOW_HOSTS = 64;
const HIGHLIGHT = '2px solid #e02e24';

export class ChatScanner {
  private readonly signatures = new WeakMap<Element, string>();
  private readonly reported = new Set<string>();
  private readonly observed = new WeakSet<Node>();
  private readonly observers: MutationObserver[] = [];
  private batchTimer: ReturnType<typeof setTimeout> | null = null;
  private rescanTimer: ReturnType<typeof setTimeout> | null = null;
  private lastFoundAt: number;
  private last: ChatPass = { scopes: [], seen: [] };
  private running = false;
  private readonly opts: ChatScannerOptions & { batchDelayMs: number; rescanMs: number; idleRescanMs: number; now: () => number };

  constructor(options: ChatScannerOptions) {
    this.opts = { batchDelayMs: 40, rescanMs: 2_000, idleRescanMs: 10_000, now: () => performance.now(), ...options };
    this.lastFoundAt = this.opts.now();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.scanNow();
    this.scheduleRescan();
  }

  stop(): void {
    this.running = false;
    for (const o of this.observers) o.disconnect();
    this.observers.length = 0;
    if (this.batchTimer !== null) clearTimeout(this.batchTimer);
    if (this.rescanTimer !== null) clearTimeout(this.rescanTimer);
    this.batchTimer = this.rescanTimer = null;
  }

  /** The scopes and messages of the last pass (so what runs after a scan need not find them again). */
  lastPass(): ChatPass {
    return this.last;
  }

  /** The document plus every shadow root below it (bounded). */
  scopes(): ParentNode[] {
    const out: ParentNode[] = [this.opts.document];
    const hosts = this.opts.adapter.shadowHosts;
    if (!hosts?.length) return out;
    const selector = hosts.join(',');
    let hostCount = 0;
    const visit = (scope: ParentNode, depth: number) => {
      if (depth >= MAX_SHADOW_DEPTH) return;
      for (const host of Array.from(scope.querySelectorAll(selector))) {
        if (++hostCount > MAX_SHADOW_HOSTS) return;
        const root = host.shadowRoot ?? this.opts.openShadowRoot?.(host) ?? null;
        if (root) {
          out.push(root);
          visit(root, depth + 1);
        }
      }
    };
    visit(this.opts.document, 0);
    return out;
  }

  scanNow(): ChatScanStats {
    const started = this.opts.now();
    const stats: ChatScanStats = { messages: 0, buyer: 0, seller: 0, system: 0, flagged: 0, unreadable: 0, scopes: 0, ms: 0 };
    const fresh: ChatFinding[] = [];
    const seen: ChatScopeSeen[] = [];
    let scopes: ParentNode[] = [this.opts.document];
    try {
      scopes = this.scopes();
      stats.scopes = scopes.length;
      for (const scope of scopes) {
        this.observe(scope);
        seen.push({ scope, messages: this.scanScope(scope, stats, fresh) });
      }
    } catch (error) {
      this.opts.onError?.(error);
    }
    this.last = { scopes, seen };
    if (stats.messages > 0) this.lastFoundAt = this.opts.now();
    stats.ms = this.opts.now() - started;
    try {
      if (fresh.length) this.opts.onMessages?.(fresh);
      this.opts.onScan?.(stats, this.last);
    } catch (error) {
      this.opts.onError?.(error);
    }
    return stats;
  }

  /** Marks the messages of one scope; returns them. */
  private scanScope(scope: ParentNode, stats: ChatScanStats, fresh: ChatFinding[]): Element[] {
    const { adapter } = this.opts;
    const elements = adapter.findMessages(scope);
    if (elements.length === 0) return elements;
    let conversation: ChatConversation;
    try {
      conversation = adapter.readConversation(scope);
    } catch (error) {
      this.opts.onError?.(error);
      conversation = { buyerId: null, buyerNick: null, orderSn: null };
    }
    const conversationKey = conversation.buyerId ?? conversation.buyerNick ?? 'unknown';
    const reads = adapter.readMessages(scope, elements);
    elements.forEach((el, i) => {
      stats.messages++;
      const read = reads[i] ?? null;
      if (!read) {
        stats.unreadable++;
        return;
      }
      stats[read.sender]++;
      try {
        const finding = this.mark(el, read, conversation, conversationKey);
        if (finding.flag) stats.flagged++;
        if (!this.reported.has(finding.key)) {
          this.reported.add(finding.key);
          fresh.push(finding);
        }
      } catch (error) {
        stats.unreadable++;
        this.opts.onError?.(error);
      }
    });
    return elements;
  }

  private mark(el: Element, read: ChatMessageRead, conv: ChatConversation, conversationKey: string): ChatFinding {
    const { adapter } = this.opts;
    const signature = `${conversationKey}\u0001${read.sender}\u0001${read.timeMs ?? ''}\u0001${read.text}`;
    const id = read.platformId ?? `h${fnv1a(signature)}`;
    const key = `${adapter.platform}:${conversationKey}:${id}`;
    const flag = read.sender === 'buyer' && read.text && this.opts.isExtortion(read.text) ? 'extortion' : null;
    if (this.signatures.get(el) !== signature || el.getAttribute(CHAT_ATTR) !== key) {
      this.signatures.set(el, signature);
      el.setAttribute(CHAT_ATTR, key);
      el.setAttribute('data-rg-sender', read.sender);
      el.setAttribute('data-rg-time', read.timeMs === null ? '' : new Date(read.timeMs).toISOString());
      if (flag) this.highlight(el);
      else this.unhighlight(el); // a recycled row that held a flagged message
    }
    return {
      key,
      platform: adapter.platform,
      conversationKey,
      buyerId: conv.buyerId,
      buyerNick: conv.buyerNick,
      orderSn: conv.orderSn,
      sender: read.sender,
      text: read.text,
      timeMs: read.timeMs,
      flag,
      missing: read.missing,
    };
  }

  private highlight(el: Element): void {
    el.setAttribute('data-rg-flag', 'extortion');
    const style = (el as HTMLElement).style;
    if (style) {
      style.outline = HIGHLIGHT;
      style.outlineOffset = '2px';
    }
    if (!el.querySelector(`:scope > [${UI_ATTR}="chat-flag"]`)) {
      const label = el.ownerDocument.createElement('span');
      label.setAttribute(UI_ATTR, 'chat-flag');
      label.textContent = '差评卫士：疑似差评要挟，建议采集聊天证据';
      label.style.cssText =
        'display:inline-block;margin:2px 0 0;padding:0 6px;border-radius:3px;background:#e02e24;color:#fff;font:12px/18px "PingFang SC","Microsoft YaHei","WenQuanYi Zen Hei",sans-serif;';
      el.append(label);
    }
  }

  private unhighlight(el: Element): void {
    if (!el.hasAttribute('data-rg-flag')) return;
    el.removeAttribute('data-rg-flag');
    const style = (el as HTMLElement).style;
    if (style) style.outline = '';
    el.querySelector(`:scope > [${UI_ATTR}="chat-flag"]`)?.remove();
  }

  private observe(scope: ParentNode): void {
    if (this.observed.has(scope)) return;
    const view = this.opts.document.defaultView;
    if (!view) return;
    this.observed.add(scope);
    const observer = new view.MutationObserver((records) => this.collect(records));
    observer.observe(scope as Node, { childList: true, subtree: true, characterData: true });
    this.observers.push(observer);
  }

  private collect(records: MutationRecord[]): void {
    try {
      for (const record of records) {
        const target = record.target.nodeType === 1 ? (record.target as Element) : record.target.parentElement;
        if (target?.closest(`[${UI_ATTR}]`)) continue;
        if (
          record.type === 'childList' &&
          record.removedNodes.length === 0 &&
          Array.from(record.addedNodes).every((n) => n.nodeType === 1 && (n as Element).hasAttribute(UI_ATTR))
        )
          continue;
        this.scheduleBatch();
        return;
      }
    } catch (error) {
      this.opts.onError?.(error);
    }
  }

  private scheduleBatch(): void {
    if (this.batchTimer !== null || !this.running) return;
    this.batchTimer = setTimeout(() => {
      this.batchTimer = null;
      this.scanNow();
    }, this.opts.batchDelayMs);
  }

  private scheduleRescan(): void {
    if (!this.running) return;
    const idle = this.opts.now() - this.lastFoundAt > 60_000;
    this.rescanTimer = setTimeout(() => {
      this.rescanTimer = null;
      if (!this.running) return;
      this.scanNow();
      this.scheduleRescan();
    }, idle ? this.opts.idleRescanMs : this.opts.rescanMs);
  }
}
