import type { ReactNode } from 'react';
import type { ReviewGuardDatabase } from '../lib/db/database';
import type { CaseActions } from './CaseActions';
import { CaseList } from './CaseList';
import { VerifyView } from './VerifyView';

export interface PanelViewProps {
  db: ReviewGuardDatabase;
  actions: CaseActions;
  focusCaseKey?: string | null;
}

/** One tab of the side panel. A new view is one entry here. */
export interface PanelView {
  id: string;
  label: string;
  render(props: PanelViewProps): ReactNode;
}

export const PANEL_VIEWS: readonly PanelView[] = [
  { id: 'cases', label: '案件', render: (p) => <CaseList {...p} /> },
  { id: 'verify', label: '校验', render: () => <VerifyView /> },
];
