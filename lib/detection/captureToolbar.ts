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

export function findToolbar(host: Element): HTMLElement | null {
  return host.querySelector<HTMLElement>(`:scope > [${UI_ATTR}="toolbar"]`);
}

export function createToolbar(doc: Document, reviewKey: string, onCapture: (button: HTMLButtonElement) => void): HTMLElement {
  const bar = doc.createElement('span');
  bar.setAttribute(UI_ATTR, 'toolbar');
  bar.setAttribute('data-rg-for', reviewKey);
  bar.style.cssText =
    'display:inline-flex;align-items:center;gap:6px;float:right;margin:0 8px;font:12px/1.5 -apple-system,"PingFang SC","Microsoft YaHei","WenQuanYi Zen Hei",sans-serif;';

  const button = doc.createElement('button');
  button.type = 'button';
  button.setAttribute('data-rg-action', 'capture');
  button.setAttribute('data-rg-for', reviewKey);
  button.title = '差评卫士：截取这条评价并保存为带时间和哈希的证据';
  button.addEventListener('click', (event) => {
    event.preventDefault();
    event.stopPropagation();
    if (button.getAttribute('data-rg-state') === 'saving') return;
    onCapture(button);
  });
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
