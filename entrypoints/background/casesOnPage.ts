import type { ReviewGuardDatabase } from '../../lib/db/database';
import type { MessageHandlers } from '../../lib/messaging/channel';

/** Which reviews on a page already have a case: one indexed read for the whole screen. */
export function casesOnPageHandlers(db: ReviewGuardDatabase): Pick<MessageHandlers, 'cases-on-page'> {
  return {
    'cases-on-page': async ({ keys }) => {
      const records = await db.cases.bulkGet([...new Set(keys)]);
      return { cases: records.flatMap((r) => (r ? [{ key: r.key, state: r.state }] : [])) };
    },
  };
}
