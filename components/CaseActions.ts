import type { CaseState, MessageResponse } from '../lib/schemas';

/** What the UI may ask of the extension; injected so components stay testable without a browser. */
export interface CaseActions {
  submitAppeal(caseKey: string): Promise<MessageResponse<'appeal-submitted'>>;
  /** Records the case's next step; rejects with the state machine's reason when the step makes no sense. */
  transition(
    caseKey: string,
    to: CaseState,
    extra?: { note?: string; materialDueAtMs?: number | null },
  ): Promise<MessageResponse<'case-transition'>>;
  copyText(text: string): Promise<void>;
  /** A backup was restored: the worker schedules the restored reminders. */
  backupRestored(): Promise<void>;
}
