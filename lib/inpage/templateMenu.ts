/**
 * The 话术 button beside the chat input: a polite template from lib/appeal/buyerMessages.ts goes into the input,
 * and the seller reads, edits and sends it themselves.
 */
import { BUYER_MESSAGE_TEMPLATES, type BuyerMessageTemplate } from '../appeal/buyerMessages';
import { UI_ATTR } from '../detection/reviewScanner';
import { insertIntoComposer } from './composers';
import { FONT, button } from './uiStyle';

export const TEMPLATE_UI = 'buyer-templates';

function buildMenu(doc: Document, templates: readonly BuyerMessageTemplate[], pick: (t: BuyerMessageTemplate) => void): HTMLElement {
  const menu = doc.createElement('div');
  menu.setAttribute('data-rg-template-menu', '');
  menu.style.cssText = `all:initial;display:block;position:absolute;bottom:100%;left:0;z-index:2147483647;${FONT}background:#fff;border:1px solid #d9d9d9;border-radius:6px;box-shadow:0 4px 16px rgba(0,0,0,.15);padding:4px 0;width:360px;`;
  for (const t of templates) {
    const item = doc.createElement('div');
    item.setAttribute('data-rg-template', t.id);
    item.style.cssText = 'cursor:pointer;padding:4px 10px;';
    const title = doc.createElement('div');
    title.style.cssText = 'font-weight:600;color:#262626;';
    title.textContent = t.title;
    const preview = doc.createElement('div');
    preview.style.cssText = 'color:#8c8c8c;font-size:12px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;';
    preview.textContent = t.text;
    item.append(title, preview);
    item.addEventListener('click', (e) => {
      e.stopPropagation();
      pick(t);
    });
    menu.append(item);
  }
  return menu;
}

/** Keeps one 话术 button right after the current chat input (the page may have re-rendered it). */
export function ensureTemplateButton(input: HTMLElement, templates: readonly BuyerMessageTemplate[] = BUYER_MESSAGE_TEMPLATES): HTMLElement {
  const next = input.nextElementSibling;
  if (next?.getAttribute(UI_ATTR) === TEMPLATE_UI) return next as HTMLElement;
  const doc = input.ownerDocument;
  const wrap = doc.createElement('span');
  wrap.setAttribute(UI_ATTR, TEMPLATE_UI);
  wrap.style.cssText = `all:initial;display:inline-block;position:relative;${FONT}margin:0 16px 8px;align-self:flex-start;`;
  const open = button(doc, '话术', 'buyer-templates');
  open.title = '差评卫士：插入一段礼貌的沟通话术（由您自己发送）';
  open.addEventListener('click', (e) => {
    e.stopPropagation();
    const shown = wrap.querySelector('[data-rg-template-menu]');
    if (shown) {
      shown.remove();
      return;
    }
    wrap.append(
      buildMenu(doc, templates, (t) => {
        wrap.querySelector('[data-rg-template-menu]')?.remove();
        insertIntoComposer(input, t.text);
      }),
    );
  });
  wrap.append(open);
  input.insertAdjacentElement('afterend', wrap);
  return wrap;
}
