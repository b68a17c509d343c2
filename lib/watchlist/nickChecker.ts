/**
 * Asks the background about the buyers on screen without flooding it: nicks are gathered after each scan,
 * debounced, and only nicks this page has not asked about yet are sent (one message per new set). Answers are
 * cached for the life of the page; a failed question is forgotten so the next scan asks again.
 */
import type { WatchlistMatch } from './match';

export interface NickCheckerOptions {
  check(nicks: string[]): Promise<WatchlistMatch[]>;
  /** Called with every match known so far whenever a question brings new ones. */
  onMatches(matches: readonly WatchlistMatch[]): void;
  delayMs?: number;
  onError?(error: unknown): void;
}

const MAX_PER_MESSAGE = 500;

export class NickChecker {
  private readonly asked = new Set<string>();
  private readonly pending = new Set<string>();
  private readonly matches = new Map<string, WatchlistMatch[]>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;

  constructor(private readonly opts: NickCheckerOptions) {}

  /** Nicks seen on the page now; cheap to call after every scan. */
  offer(nicks: Iterable<string | null | undefined>): void {
    for (const raw of nicks) {
      const nick = raw?.trim().slice(0, 100);
      if (nick && !this.asked.has(nick)) this.pending.add(nick);
    }
    if (this.pending.size > 0 && this.timer === null && !this.stopped) {
      this.timer = setTimeout(() => {
        this.timer = null;
        void this.flush();
      }, this.opts.delayMs ?? 400);
    }
  }

  matchesFor(nick: string): readonly WatchlistMatch[] {
    return this.matches.get(nick.trim()) ?? [];
  }

  all(): WatchlistMatch[] {
    return [...this.matches.values()].flat();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private async flush(): Promise<void> {
    const batch = [...this.pending].slice(0, MAX_PER_MESSAGE);
    for (const nick of batch) {
      this.pending.delete(nick);
      this.asked.add(nick);
    }
    try {
      const found = await this.opts.check(batch);
      if (this.stopped) return;
      for (const m of found) this.matches.set(m.nick, [...(this.matches.get(m.nick) ?? []), m]);
      if (found.length > 0) this.opts.onMatches(this.all());
    } catch (error) {
      for (const nick of batch) this.asked.delete(nick);
      this.opts.onError?.(error);
    }
    if (this.pending.size > 0) this.offer([]);
  }
}
