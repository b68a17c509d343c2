/**
 * Gathers what this frame's detectors found, cross-checks the layers and reports it to the background (side panel
 * 此页面 view, toolbar badge). Throttled: the cross-check reads the page's text, which is too costly for every scan.
 */
import { crossCheck, selectorDrift } from '../../lib/detection/crossCheck';
import { readObservedResponse, type NetworkObservation } from '../../lib/detection/networkPayloads';
import { isNetPayload } from '../../lib/detection/networkTap';
import { sendMessage, type RuntimePort } from '../../lib/messaging/channel';
import { ORDER_NUMBER } from '../../lib/platforms/heuristics';
import type { SelectorRule } from '../../lib/platforms/types';
import type { PlatformId } from '../../lib/schemas';

export interface FrameState {
  adapter: string | null;
  platform: PlatformId | null;
  surface: 'review' | 'chat' | null;
  selectors: readonly SelectorRule[];
  domCount: number;
  keyed: number;
  unreadable: number;
  flagged: number;
  scanMs: number;
  /** Whether the page shows order numbers next to each item (text-heuristic cross-check). */
  countOrderNumbers: boolean;
  /** Where the items live (document, shadow roots); default the document. */
  scopes?: () => ParentNode[];
}

const ORDER_NUMBER_GLOBAL = new RegExp(ORDER_NUMBER.source, 'g');

export class FindingsReporter {
  private state: FrameState | null = null;
  private network: NetworkObservation | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastSent = '';
  /** The inputs of the last report: the page's text is only re-read when they change (seller consoles run all day). */
  private lastInputs = '';
  private watchlist: string[] = [];

  constructor(
    private readonly pageUrl: () => string,
    private readonly delayMs = 800,
  ) {
    window.addEventListener('message', (event) => {
      // Only this window's own posts (the MAIN-world tap); still untrusted, used for counts only.
      if (event.source !== window || !isNetPayload(event.data)) return;
      try {
        const seen = readObservedResponse(event.data.url, event.data.body);
        if (seen) {
          this.network = seen;
          document.documentElement.setAttribute('data-rg-net-count', String(seen.count));
          this.schedule();
        }
      } catch {
        /* ignore */
      }
    });
  }

  update(state: FrameState): void {
    if (this.state && this.state.adapter !== state.adapter) this.network = null;
    this.state = state;
    this.schedule();
  }

  /** The watch-list warnings for this frame's buyers, for the side panel's 此页面 view. */
  setWatchlist(lines: readonly string[]): void {
    this.watchlist = [...new Set(lines)].slice(0, 20);
    this.schedule();
  }

  private schedule(): void {
    if (this.timer !== null) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.report();
    }, this.delayMs);
  }

  private async report(): Promise<void> {
    const s = this.state;
    if (!s) return;
    const inputs = JSON.stringify([s.adapter, s.domCount, s.keyed, s.unreadable, s.flagged, this.network?.count ?? null, this.network?.url ?? null, this.watchlist]);
    if (inputs === this.lastInputs) return;
    this.lastInputs = inputs;
    try {
      const network = this.network && this.network.surface === s.surface && this.network.platform === s.platform ? this.network.count : null;
      const text = s.countOrderNumbers ? (document.body?.textContent ?? '') : '';
      const findings = crossCheck({
        pageUrl: this.pageUrl(),
        platform: s.platform,
        adapter: s.adapter,
        surface: s.surface,
        domCount: s.domCount,
        keyed: s.keyed,
        unreadable: s.unreadable,
        networkCount: network,
        textCount: s.countOrderNumbers ? (text.match(ORDER_NUMBER_GLOBAL)?.length ?? 0) : null,
        flagged: s.flagged,
        drift: s.domCount > 0 || (network ?? 0) > 0 ? selectorDrift(s.scopes?.() ?? [document], s.selectors) : [],
        scanMs: s.scanMs,
      });
      if (this.watchlist.length > 0) findings.watchlist = this.watchlist;
      document.documentElement.setAttribute('data-rg-warnings', String(findings.warnings.length));
      const { scanMs: _ignored, ...comparable } = findings;
      const signature = JSON.stringify(comparable);
      if (signature === this.lastSent) return;
      this.lastSent = signature;
      await sendMessage(browser.runtime as unknown as RuntimePort, 'page-findings', findings);
    } catch (error) {
      console.debug('[差评卫士] 无法上报页面识别结果', error);
    }
  }
}
