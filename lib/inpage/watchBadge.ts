/** The warning badge beside a watch-listed buyer's nick. Masked nicks only ever give a "possible" match. */
import { UI_ATTR } from '../detection/reviewScanner';
import type { WatchlistMatch } from '../watchlist/match';
import { FONT } from './uiStyle';

export const WATCH_BADGE = 'watch-badge';

export function badgeLabel(matches: readonly WatchlistMatch[]): string {
  const exact = matches.some((m) => m.strength === 'exact');
  const reason = matches[0]?.reason.trim();
  const head = exact ? '⚠ 观察名单买家' : '⚠ 可能是观察名单买家（昵称打码）';
  return reason ? `${head}：${reason.length > 16 ? `${reason.slice(0, 16)}…` : reason}` : head;
}

/** Puts one badge right after `anchor` (the nick element), or refreshes the one already there. */
export function placeWatchBadge(anchor: Element, matches: readonly WatchlistMatch[]): HTMLElement {
  const existing = anchor.nextElementSibling;
  const badge =
    existing?.getAttribute(UI_ATTR) === WATCH_BADGE ? (existing as HTMLElement) : anchor.ownerDocument.createElement('span');
  if (badge !== existing) {
    badge.setAttribute(UI_ATTR, WATCH_BADGE);
    anchor.insertAdjacentElement('afterend', badge);
  }
  const exact = matches.some((m) => m.strength === 'exact');
  badge.setAttribute('data-rg-strength', exact ? 'exact' : 'masked');
  badge.style.cssText = `all:initial;display:inline-block;${FONT}font-size:12px;margin:0 6px;padding:0 6px;border-radius:3px;color:${
    exact ? '#fff' : '#ad4e00'
  };background:${exact ? '#cf1322' : '#fff7e6'};border:1px solid ${exact ? '#cf1322' : '#ffa940'};`;
  badge.textContent = badgeLabel(matches);
  badge.title = matches.map((m) => m.warning).join('\n');
  return badge;
}

/** The buyer shown there changed (conversation switched, row reused): a badge left beside it would be wrong. */
export function removeWatchBadge(anchor: Element): void {
  const next = anchor.nextElementSibling;
  if (next?.getAttribute(UI_ATTR) === WATCH_BADGE) next.remove();
}
