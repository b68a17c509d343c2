import { FONT_STACK } from '../detection/captureToolbar';

/** Shared inline styles for what we draw on the seller's page: `all:initial` so neither side's CSS leaks. */
export const FONT = `font:13px/1.6 ${FONT_STACK};`;

export function button(doc: Document, label: string, action: string, primary = false): HTMLButtonElement {
  const b = doc.createElement('button');
  b.type = 'button';
  b.textContent = label;
  b.setAttribute('data-rg-action', action);
  b.style.cssText = `all:initial;${FONT}cursor:pointer;padding:2px 12px;border-radius:4px;border:1px solid ${
    primary ? '#cf1322' : '#d9d9d9'
  };background:${primary ? '#fff1f0' : '#fff'};color:${primary ? '#cf1322' : '#262626'};`;
  return b;
}
