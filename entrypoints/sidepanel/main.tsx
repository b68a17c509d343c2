import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from '../../components/App';
import { openDatabase } from '../../lib/db/database';
import { sendMessage, type RuntimePort } from '../../lib/messaging/channel';
import type { CaseActions } from '../../components/CaseActions';
import '../../components/styles.css';

const db = openDatabase();
const runtime = browser.runtime as unknown as RuntimePort;

const actions: CaseActions = {
  submitAppeal: (caseKey) => sendMessage(runtime, 'appeal-submitted', { caseKey }),
  transition: (caseKey, to, extra = {}) => sendMessage(runtime, 'case-transition', { caseKey, to, ...extra }),
  copyText: (text) => navigator.clipboard.writeText(text),
  backupRestored: async () => void (await sendMessage(runtime, 'backup-restored', {})),
};

const hash = new URLSearchParams(location.hash.slice(1));
const container = document.getElementById('root');
if (container) {
  createRoot(container).render(
    <StrictMode>
      <App db={db} actions={actions} focusCaseKey={hash.get('case')} initialView={hash.get('view')} />
    </StrictMode>,
  );
}
