/**
 * The per-review 采集证据 button injected into the seller's page. Plain DOM, marked `data-rg-ui` so the scanner and
 * captures ignore it. Styled by one shared stylesheet per document or shadow root (ensureUiStyles), not inline styles:
 * a thousand inline `all:initial` declarations were each copied on clone and defeated the style engine's matched-
 * properties cache, so every button cost a full style resolution. The rules are `!important` on attribute selectors
 * of our own, so the page's CSS still cannot restyle or hide the button (inline styles did not protect against
 * the page's `!important` rules either).
 */
import type { ToolbarSlot } from '../platforms/types';
import { UI_ATTR } from './reviewScanner';

export type CaptureButtonState = 'idle' | 'saving' | 'saved' | 'error';

const LABEL: Record<CaptureButtonState, string> = {
  idle: '采集证据',
  saving: '采集中…',
  saved: '已保存',
  error: '采集失败',
};

/** The host's own toolbar (a direct child); walks children instead of a `:scope` query, once per review per scan. */
export function findToolbar(host: Element): HTMLElement | null {
  for (let child = host.firstElementChild; child; child = child.nextElementSibling) {
    if (child.getAttribute(UI_ATTR) === 'toolbar') return child as HTMLElement;
  }
  return null;
}

/** The font of everything we draw on the seller's page. */
export const FONT_STACK = '-apple-system,"PingFang SC","Microsoft YaHei","WenQuanYi Zen Hei",sans-serif';
const BAR = `[${UI_ATTR}="toolbar"]`;
const CHAT_BAR = `[${UI_ATTR}="chat-capture"]`;
/** The review toolbar's button and the chat pages' 采集聊天证据 button share one look. */
const BUTTONS = [`${BAR}>button[data-rg-action="capture"]`, `${CHAT_BAR}>button[data-rg-action="capture-chat"]`];
const buttonRule = (state: string, body: string) => `${BUTTONS.map((b) => b + state).join(',')}{${body}}`;
/**
 * Opacity is left out on purpose: the pixel capture hides toolbars with an inline `opacity:0`.
 * A toolbar floated in a table cell (the cell's first child, see placeToolbar) stacks: the button stays top right and
 * the status wraps below it in a narrow column, so a long status neither squeezes the review text beside it (千牛)
 * nor spills over the next column (京东's narrow 操作 cell). A cell contains its floats; elsewhere (美团's actions
 * row) a taller float would overlap the next review, so there, and when ending a flex row (拼多多), status and
 * button stay side by side. In a flex row the toolbar gives up all the space that is short (its status line
 * shortens to an ellipsis): flex-shrink shares a shortfall by weight, and even a fraction of a pixel taken from the
 * page's own labels wraps them (拼多多's 评价时间 did), hence the huge weight. Button and marker never shrink.
 */
const UI_CSS = `
${BAR},${CHAT_BAR}{display:inline-flex!important;align-items:center!important;gap:6px!important;float:right!important;flex-shrink:1000000!important;min-width:0!important;margin:0 8px!important;font:12px/1.5 ${FONT_STACK}!important;font-weight:400!important;visibility:visible!important}
${BAR}>[data-rg-status],${CHAT_BAR}>[data-rg-status]{all:initial!important;display:inline!important;color:#595959!important;max-width:320px!important;overflow:hidden!important;text-overflow:ellipsis!important;white-space:nowrap!important;font:12px/1.5 ${FONT_STACK}!important}
${CHAT_BAR}>[data-rg-status]{max-width:360px!important}
td>${BAR}:first-child{flex-direction:column-reverse!important;align-items:flex-end!important;gap:4px!important;max-width:calc(100% - 16px)!important}
td>${BAR}:first-child>[data-rg-status]{display:-webkit-box!important;-webkit-box-orient:vertical!important;-webkit-line-clamp:4!important;white-space:normal!important;overflow-wrap:anywhere!important;text-align:right!important;max-width:8em!important}
${BAR}>[data-rg-status][data-rg-state="error"],${CHAT_BAR}>[data-rg-status][data-rg-state="error"]{color:#cf1322!important}
${BAR}>[${UI_ATTR}="case-marker"]{all:initial!important;display:inline-block!important;flex-shrink:0!important;white-space:nowrap!important;font:12px/1.5 ${FONT_STACK}!important;color:#0958d9!important;background:#e6f4ff!important;border:1px solid #91caff!important;border-radius:3px!important;padding:0 6px!important}
${buttonRule('', `all:initial!important;display:inline-block!important;cursor:pointer!important;padding:2px 10px!important;border-radius:4px!important;border:1px solid #e02e24!important;background:#e02e24!important;color:#fff!important;font:12px/20px ${FONT_STACK}!important;white-space:nowrap!important;flex-shrink:0!important`)}
${buttonRule('[data-rg-state="saving"]', 'cursor:progress!important;border-color:#8c8c8c!important;background:#8c8c8c!important')}
${buttonRule('[data-rg-state="saved"]', 'border-color:#389e0d!important;background:#389e0d!important')}
${buttonRule('[data-rg-state="error"]', 'border-color:#ffa39e!important;background:#fff1f0!important;color:#cf1322!important')}
`;
const STYLE_ATTR = 'data-rg-style';

const styleOf = new WeakMap<Document | ShadowRoot, HTMLStyleElement>();

/**
 * Puts our stylesheet into the document or shadow root that `node` lives in, once (again if the page removed it).
 * Cheap to call per review: a WeakMap look-up and `isConnected` when it is there.
 */
export function ensureUiStyles(node: Node): void {
  // Fast path, once per review: the stylesheet this node's document got is still in place.
  if (node.nodeType === 9 && styleOf.get(node as Document)?.isConnected) return;
  const root = node.getRootNode() as Document | ShadowRoot;
  const doc = root.nodeType === 9 ? (root as Document) : node.ownerDocument;
  if (!doc || (root.nodeType !== 9 && root.nodeType !== 11)) return; // detached: styled once it is placed
  const existing = styleOf.get(root);
  if (existing?.isConnected && existing.getRootNode() === root) return;
  const style = doc.createElement('style');
  style.setAttribute(UI_ATTR, 'style');
  style.setAttribute(STYLE_ATTR, '');
  style.textContent = UI_CSS;
  const parent = root.nodeType === 9 ? ((root as Document).head ?? (root as Document).documentElement) : root;
  if (!parent) return;
  parent.appendChild(style);
  styleOf.set(root, style);
}

// One toolbar per document, cloned for each review (cloning is cheaper than building three elements).
const templates = new WeakMap<Document, HTMLElement>();
// One click listener per document (capture phase, so the page's own handlers never see our clicks) instead of one
// closure per button.
const onCaptureOf = new WeakMap<Element, (button: HTMLButtonElement) => void>();
const listening = new WeakSet<Document>();

function listenForCaptures(doc: Document): void {
  if (listening.has(doc)) return;
  listening.add(doc);
  doc.addEventListener(
    'click',
    (event) => {
      const target = event.target as Element | null;
      const button = target?.closest?.('button[data-rg-action="capture"]') as HTMLButtonElement | null;
      const onCapture = button ? onCaptureOf.get(button) : undefined;
      if (!button || !onCapture) return;
      event.preventDefault();
      event.stopPropagation();
      if (button.getAttribute('data-rg-state') === 'saving') return;
      onCapture(button);
    },
    true,
  );
}

export function createToolbar(doc: Document, reviewKey: string, onCapture: (button: HTMLButtonElement) => void): HTMLElement {
  let template = templates.get(doc);
  if (!template) {
    template = buildToolbar(doc);
    templates.set(doc, template);
  }
  const bar = template.cloneNode(true) as HTMLElement;
  // The key goes on the button only (one attribute write per review, not two).
  const button = bar.lastElementChild as HTMLButtonElement;
  button.setAttribute('data-rg-for', reviewKey);
  onCaptureOf.set(button, onCapture);
  listenForCaptures(doc);
  return bar;
}

/**
 * Puts a review's toolbar into its slot: the last child of a flex row, else the first child (floated right by the
 * stylesheet). insertBefore / appendChild, not prepend / append: their variadic (Node | string) binding costs more,
 * a thousand times per page.
 */
export function placeToolbar(slot: ToolbarSlot, bar: HTMLElement): void {
  if (slot.toolbarAtEnd) slot.toolbarHost.appendChild(bar);
  else slot.toolbarHost.insertBefore(bar, slot.toolbarHost.firstChild);
}

function buildToolbar(doc: Document): HTMLElement {
  const bar = doc.createElement('span');
  bar.setAttribute(UI_ATTR, 'toolbar');

  const button = doc.createElement('button');
  button.type = 'button';
  button.setAttribute('data-rg-action', 'capture');
  button.title = '差评卫士：截取这条评价并保存为带时间和哈希的证据';
  setCaptureButtonState(button, 'idle');

  // The status line (`data-rg-status`) is added by the first state change: a thousand empty spans cost the page
  // nodes to clone, insert and lay out for nothing.
  bar.append(button);
  return bar;
}

function captureButtonOf(bar: Element): Element | null {
  const last = bar.lastElementChild;
  return last?.getAttribute('data-rg-action') === 'capture' ? last : bar.querySelector('button[data-rg-action="capture"]');
}

/** Points the toolbar at another review (the page reused the row); no write when it already does. */
export function rekeyToolbar(bar: HTMLElement, reviewKey: string): void {
  const button = captureButtonOf(bar);
  if (button && button.getAttribute('data-rg-for') !== reviewKey) {
    button.setAttribute('data-rg-for', reviewKey);
    setCaptureButtonState(button as HTMLButtonElement, 'idle');
  }
}

/** Updates the button; `detail` is plain text (set via textContent, never HTML). */
export function setCaptureButtonState(button: HTMLButtonElement, state: CaptureButtonState, detail = ''): void {
  button.setAttribute('data-rg-state', state);
  button.textContent = LABEL[state];
  button.disabled = state === 'saving';
  const bar = button.parentElement;
  if (!bar) return;
  let status = bar.querySelector<HTMLElement>('[data-rg-status]');
  if (!status) {
    if (state === 'idle' && !detail) return;
    status = button.ownerDocument.createElement('span');
    status.setAttribute('data-rg-status', '');
    bar.insertBefore(status, button);
  }
  status.textContent = detail;
  status.title = detail;
  status.setAttribute('data-rg-state', state);
}
