/**
 * The per-review 采集证据 button injected into the seller's page. Plain DOM with inline styles so the page's CSS
 * cannot hide it and ours cannot leak into the page; marked `data-rg-ui` so the scanner and captures ignore it.
 */
import { UI_ATTR } from './reviewScanner';

export type CaptureButtonState = 'idle' | 'saving' | 'saved' | 'error';

const LABEL: Record<CaptureButtonState, string> = {
  idle: '采集证据',
  saving: '采集中…',
  saved: '已保存',
  error: '采集失败',
};

const COLORS: Record<CaptureButtonState, [string, string]> = {
  idle: ['#e02e24', '#fff'],
  saving: ['#8c8c8c', '#fff'],
  saved: ['#389e0d', '#fff'],
  error: ['#fff1f0', '#cf1322'],
};

/** The host's own toolbar (a direct child); walks children instead of a `:scope` query, once per review per scan. */
export function findToolbar(host: Element): HTMLElement | null {
  for (let child = host.firstElementChild; child; child = child.nextElementSibling) {
    if (child.getAttribute(UI_ATTR) === 'toolbar') return child as HTMLElement;
  }
  return null;
}

// One styled toolbar per document, cloned for each review: parsing the inline styles (`all:initial` expands to
// every CSS property) a thousand times was most of the cost of scanning a 1,000-review page.
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
  bar.setAttribute('data-rg-for', reviewKey);
  const button = bar.lastElementChild as HTMLButtonElement;
  button.setAttribute('data-rg-for', reviewKey);
  onCaptureOf.set(button, onCapture);
  listenForCaptures(doc);
  return bar;
}

function buildToolbar(doc: Document): HTMLElement {
  const bar = doc.createElement('span');
  bar.setAttribute(UI_ATTR, 'toolbar');
  bar.style.cssText =
    'display:inline-flex;align-items:center;gap:6px;float:right;margin:0 8px;font:12px/1.5 -apple-system,"PingFang SC","Microsoft YaHei","WenQuanYi Zen Hei",sans-serif;';

  const button = doc.createElement('button');
  button.type = 'button';
  button.setAttribute('data-rg-action', 'capture');
  button.title = '差评卫士：截取这条评价并保存为带时间和哈希的证据';
  setCaptureButtonState(button, 'idle');

  const status = doc.createElement('span');
  status.setAttribute('data-rg-status', '');
  status.style.cssText = 'color:#595959;max-width:320px;overflow:hidden;text-overflow:ellipsis;white-space:nowrap;';

  bar.append(status, button);
  return bar;
}

export function rekeyToolbar(bar: HTMLElement, reviewKey: string): void {
  bar.setAttribute('data-rg-for', reviewKey);
  const button = bar.querySelector('button[data-rg-action="capture"]');
  if (button && button.getAttribute('data-rg-for') !== reviewKey) {
    button.setAttribute('data-rg-for', reviewKey);
    setCaptureButtonState(button as HTMLButtonElement, 'idle');
  }
}

/** Updates the button; `detail` is plain text (set via textContent, never HTML). */
export function setCaptureButtonState(button: HTMLButtonElement, state: CaptureButtonState, detail = ''): void {
  const [bg, fg] = COLORS[state];
  button.setAttribute('data-rg-state', state);
  button.textContent = LABEL[state];
  button.disabled = state === 'saving';
  button.style.cssText = `all:initial;display:inline-block;cursor:${state === 'saving' ? 'progress' : 'pointer'};padding:2px 10px;border-radius:4px;border:1px solid ${state === 'error' ? '#ffa39e' : bg};background:${bg};color:${fg};font:12px/20px -apple-system,"PingFang SC","Microsoft YaHei","WenQuanYi Zen Hei",sans-serif;white-space:nowrap;`;
  const status = button.parentElement?.querySelector('[data-rg-status]');
  if (status) {
    status.textContent = detail;
    (status as HTMLElement).title = detail;
    (status as HTMLElement).style.color = state === 'error' ? '#cf1322' : '#595959';
  }
}
