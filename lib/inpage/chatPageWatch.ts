/**
 * What a chat page gets on top of the message scan: the send guard and the 话术 button on the input, and a
 * warning next to the buyer's name when the conversation's buyer is on the watch-list.
 */
import { queryByRule } from '../platforms/selectors';
import type { ChatPageAdapter, SelectorRule } from '../platforms/types';
import type { WatchlistMatch } from '../watchlist/match';
import { NickChecker } from '../watchlist/nickChecker';
import { findComposerInput } from './composers';
import { installSendGuard, type SendGuard } from './sendGuard';
import { ensureTemplateButton } from './templateMenu';
import { placeWatchBadge, removeWatchBadge } from './watchBadge';

export interface ChatPageWatchOptions {
  adapter: ChatPageAdapter;
  document: Document;
  scopes: () => ParentNode[];
  watchlist(nicks: string[]): Promise<WatchlistMatch[]>;
  delayMs?: number;
  onWatchMatches?(matches: readonly WatchlistMatch[]): void;
  onError?(error: unknown): void;
}

export class ChatPageWatch {
  private readonly guard: SendGuard | null;
  private readonly checker: NickChecker;
  private nick: string | null = null;

  constructor(private readonly opts: ChatPageWatchOptions) {
    const composer = opts.adapter.composer;
    this.guard = composer ? installSendGuard({ document: opts.document, composer, scopes: opts.scopes }) : null;
    this.checker = new NickChecker({
      check: opts.watchlist,
      onMatches: (matches) => {
        opts.onWatchMatches?.(matches);
        this.afterScan();
      },
      delayMs: opts.delayMs,
      onError: opts.onError,
    });
  }

  /** Called after each scan of the chat. */
  afterScan(): void {
    try {
      const scopes = this.opts.scopes();
      this.guard?.refreshScopes();
      const composer = this.opts.adapter.composer;
      const input = composer ? findComposerInput(scopes, composer) : null;
      if (input) ensureTemplateButton(input);
      this.nick = null;
      for (const scope of scopes) {
        const nick = this.opts.adapter.readConversation(scope).buyerNick;
        if (nick) {
          this.nick = nick;
          break;
        }
      }
      const anchor = this.nickElement(scopes) ?? input;
      const matches = this.nick ? this.checker.matchesFor(this.nick) : [];
      if (this.nick) this.checker.offer([this.nick]);
      if (!anchor) return;
      if (matches.length > 0) placeWatchBadge(anchor, matches);
      else removeWatchBadge(anchor);
    } catch (error) {
      this.opts.onError?.(error);
    }
  }

  stop(): void {
    this.guard?.stop();
    this.checker.stop();
  }

  private nickElement(scopes: readonly ParentNode[]): Element | null {
    const rule = this.opts.adapter.selectors['buyerNick'] as SelectorRule | undefined;
    if (!rule) return null;
    for (const scope of scopes) {
      const el = queryByRule(scope, rule);
      if (el) return el;
    }
    return null;
  }
}
