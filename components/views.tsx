import type { ReactNode } from 'react';
import type { ReviewGuardDatabase } from '../lib/db/database';
import type { CaseActions } from './CaseActions';
import { CaseList } from './CaseList';
import { RemindersView } from './RemindersView';
import { SettingsView } from './SettingsView';
import { StatsView } from './StatsView';
import { WatchlistView } from './WatchlistView';
import { VerifyView } from './VerifyView';
import { ThisPageView } from './ThisPageView';

export interface PanelViewProps {
  db: ReviewGuardDatabase;
  actions: CaseActions;
  focusCaseKey?: string | null;
  /** Switches to the 案件 tab with this case in view. */
  openCase?: (caseKey: string) => void;
}

/** One tab of the side panel. A new view is one entry here. */
export interface PanelView {
  id: string;
  label: string;
  render(props: PanelViewProps): ReactNode;
}

export const PANEL_VIEWS: readonly PanelView[] = [
  { id: 'cases', label: '案件', render: (p) => <CaseList {...p} /> },
  { id: 'reminders', label: '提醒', render: (p) => <RemindersView {...p} /> },
  { id: 'watchlist', label: '观察名单', render: (p) => <WatchlistView {...p} /> },
  { id: 'stats', label: '统计', render: (p) => <StatsView {...p} /> },
  { id: 'settings', label: '设置', render: (p) => <SettingsView {...p} /> },
  { id: 'verify', label: '校验', render: () => <VerifyView /> },
  { id: 'this-page', label: '此页面', render: (p) => <ThisPageView db={p.db} /> },
];
