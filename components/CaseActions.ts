import type { MessageResponse } from '../lib/schemas';

/** What the UI may ask of the extension; injected so components stay testable without a browser. */
export interface CaseActions {
  submitAppeal(caseKey: string): Promise<MessageResponse<'appeal-submitted'>>;
  copyText(text: string): Promise<void>;
}
