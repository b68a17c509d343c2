import { describeGuardWarning, guardBuyerMessage } from '../../lib/appeal/buyerMessages';
import type { ReviewGuardDatabase } from '../../lib/db/database';
import type { MessageHandlers } from '../../lib/messaging/channel';
import { matchWatchlist } from '../../lib/watchlist/match';

/** Handlers for the content script's in-page warnings: watch-listed buyers and the send guard. */
export function preventionHandlers(db: ReviewGuardDatabase): Pick<MessageHandlers, 'watchlist-check' | 'buyer-message-check'> {
  return {
    'watchlist-check': async ({ platform, nicks }) => ({ matches: matchWatchlist(await db.watchlist.toArray(), platform, nicks) }),
    'buyer-message-check': async ({ text }) => ({
      warnings: guardBuyerMessage(text).map((w) => ({ ...w, text: describeGuardWarning(w) })),
    }),
  };
}
