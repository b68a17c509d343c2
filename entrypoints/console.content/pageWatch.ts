/** Wires the watch-list, case markers and send guard (lib/inpage) to the background. */
import { ChatPageWatch } from '../../lib/inpage/chatPageWatch';
import { ReviewPageWatch } from '../../lib/inpage/reviewPageWatch';
import { sendMessage, type RuntimePort } from '../../lib/messaging/channel';
import type { ChatPageAdapter, ReviewPageAdapter } from '../../lib/platforms/types';
import type { WatchlistMatch } from '../../lib/watchlist/match';
import type { FindingsReporter } from './findings';

const runtime = () => browser.runtime as unknown as RuntimePort;
const quiet = (error: unknown) => console.debug('[差评卫士] 观察名单/案件标记出错（已忽略，不影响页面）', error);

function watchlistOf(platform: ReviewPageAdapter['platform']) {
  return async (nicks: string[]): Promise<WatchlistMatch[]> => (await sendMessage(runtime(), 'watchlist-check', { platform, nicks })).matches;
}

/** Watch-list matches go to the 此页面 view, and to a marker tests read (content scripts are otherwise invisible). */
function reportMatches(reporter: FindingsReporter) {
  return (matches: readonly WatchlistMatch[]) => {
    document.documentElement.setAttribute('data-rg-watch', String(new Set(matches.map((m) => m.nick)).size));
    reporter.setWatchlist(matches.map((m) => m.warning));
  };
}

export function startReviewPageWatch(adapter: ReviewPageAdapter, reporter: FindingsReporter): ReviewPageWatch {
  return new ReviewPageWatch({
    adapter,
    document,
    background: {
      watchlist: watchlistOf(adapter.platform),
      casesOnPage: async (keys) => (await sendMessage(runtime(), 'cases-on-page', { keys })).cases,
      statusSeen: async (caseKey, status) => (await sendMessage(runtime(), 'page-status-seen', { caseKey, status })).steps,
    },
    onWatchMatches: reportMatches(reporter),
    onError: quiet,
  });
}

export function startChatPageWatch(adapter: ChatPageAdapter, scopes: () => ParentNode[], reporter: FindingsReporter): ChatPageWatch {
  return new ChatPageWatch({
    adapter,
    document,
    scopes,
    watchlist: watchlistOf(adapter.platform),
    onWatchMatches: reportMatches(reporter),
    onError: quiet,
  });
}
