import { flaggedOnTab, storeChatMessages, storePageFindings } from '../../lib/chat/store';
import type { ReviewGuardDatabase } from '../../lib/db/database';
import { registerMessageHandlers, type RuntimePort } from '../../lib/messaging/channel';

interface Sender {
  tab?: { id?: number };
  frameId?: number;
}

/** Chat messages and per-frame findings from the content scripts; the badge counts 差评要挟 messages on the tab. */
export function setupPageFindings(db: ReviewGuardDatabase): void {
  const updateBadge = async (tabId: number) => {
    const flagged = await flaggedOnTab(db, tabId);
    await browser.action.setBadgeBackgroundColor({ tabId, color: '#e02e24' }).catch(() => undefined);
    await browser.action.setBadgeText({ tabId, text: flagged > 0 ? String(flagged) : '' }).catch(() => undefined);
  };
  registerMessageHandlers(browser.runtime as unknown as RuntimePort, {
    'chat-messages': async ({ pageUrl, messages }, sender) => {
      const stored = await storeChatMessages(db, pageUrl, messages, Date.now());
      const tabId = (sender as Sender).tab?.id;
      return { stored, flaggedOnTab: tabId === undefined ? 0 : await flaggedOnTab(db, tabId) };
    },
    'page-findings': async (findings, sender) => {
      const tabId = (sender as Sender).tab?.id;
      if (tabId === undefined) return { ok: true };
      await storePageFindings(db, tabId, (sender as Sender).frameId ?? 0, findings, Date.now());
      await updateBadge(tabId);
      return { ok: true };
    },
  });
  // A reloaded or closed tab's findings are stale.
  browser.tabs?.onRemoved.addListener((tabId) => void db.pageFindings.where('tabId').equals(tabId).delete());
  // A full load starts before the new page's content scripts report (they run at document_idle).
  browser.tabs?.onUpdated.addListener((tabId, info) => {
    if (info.status === 'loading') void db.pageFindings.where('tabId').equals(tabId).delete().then(() => updateBadge(tabId));
  });
}
