/**
 * The in-page warning shown when a message to the buyer trips the guard: it names the words and the rule, and
 * offers 修改 (back to the text, unchanged) and 仍然发送 (the seller's own decision). Text only, never HTML.
 */
import { GUARD_LABEL, type GuardWarning } from '../appeal/buyerMessages';
import { UI_ATTR } from '../detection/reviewScanner';
import { FONT, button } from './uiStyle';

export const GUARD_PANEL = 'send-guard';

export interface GuardPanelActions {
  onEdit(): void;
  onSendAnyway(): void;
}

export function findGuardPanel(doc: Document): HTMLElement | null {
  return doc.querySelector(`[${UI_ATTR}="${GUARD_PANEL}"]`);
}

export function hideGuardPanel(doc: Document): void {
  findGuardPanel(doc)?.remove();
}

/** Shows (or replaces) the warning above `anchor`, the chat input. */
export function showGuardPanel(anchor: HTMLElement, warnings: readonly GuardWarning[], actions: GuardPanelActions): HTMLElement {
  const doc = anchor.ownerDocument;
  hideGuardPanel(doc);
  const panel = doc.createElement('div');
  panel.setAttribute(UI_ATTR, GUARD_PANEL);
  panel.setAttribute('role', 'alertdialog');
  panel.style.cssText = `all:initial;display:block;box-sizing:border-box;position:fixed;z-index:2147483647;${FONT}color:#262626;background:#fffbe6;border:1px solid #faad14;border-radius:6px;box-shadow:0 4px 16px rgba(0,0,0,.18);padding:10px 12px;max-width:520px;`;

  const title = doc.createElement('div');
  title.style.cssText = 'font-weight:600;color:#ad4e00;margin-bottom:6px;';
  title.textContent = '差评卫士：这条消息发出前请再看一下';
  panel.append(title);

  for (const w of warnings) {
    const line = doc.createElement('div');
    line.setAttribute('data-rg-guard-kind', w.kind);
    line.style.cssText = 'margin:4px 0;';
    const head = doc.createElement('b');
    head.textContent = `${GUARD_LABEL[w.kind]}：${w.words.map((x) => `“${x}”`).join('')}`;
    const rule = doc.createElement('div');
    rule.style.cssText = 'color:#595959;font-size:12px;';
    rule.textContent = w.rule;
    line.append(head, rule);
    panel.append(line);
  }

  const note = doc.createElement('div');
  note.style.cssText = 'color:#8c8c8c;font-size:12px;margin-top:6px;';
  note.textContent = '差评卫士不会替您修改或发送消息，由您决定。';
  const row = doc.createElement('div');
  row.style.cssText = 'display:flex;gap:8px;justify-content:flex-end;margin-top:8px;';
  const edit = button(doc, '修改', 'guard-edit');
  const anyway = button(doc, '仍然发送', 'guard-send-anyway', true);
  edit.addEventListener('click', (e) => {
    e.stopPropagation();
    actions.onEdit();
  });
  anyway.addEventListener('click', (e) => {
    e.stopPropagation();
    actions.onSendAnyway();
  });
  row.append(edit, anyway);
  panel.append(note, row);

  doc.body.append(panel);
  const rect = anchor.getBoundingClientRect();
  const view = doc.defaultView;
  const height = panel.offsetHeight || 160;
  panel.style.left = `${Math.max(8, Math.min(rect.left, (view?.innerWidth ?? 800) - 528))}px`;
  panel.style.top = `${Math.max(8, rect.top - height - 8)}px`;
  return panel;
}
