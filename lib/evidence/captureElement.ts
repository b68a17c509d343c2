/**
 * Renders the elements of one review to a PNG with html2canvas-pro (the maintained fork of html2canvas:
 * html2canvas 1.4.1 draws box-shadow/border-radius as grey blocks and has had no release since 2022).
 */
import html2canvas from 'html2canvas-pro';

export interface ElementCapture {
  dataUrl: string;
  width: number;
  height: number;
  method: string;
  renderMs: number;
}

/** Union of the parts' viewport rectangles, in CSS pixels. */
export function unionRect(parts: Element[]): { x: number; y: number; width: number; height: number } {
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (const part of parts) {
    const r = part.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    left = Math.min(left, r.left);
    top = Math.min(top, r.top);
    right = Math.max(right, r.right);
    bottom = Math.max(bottom, r.bottom);
  }
  if (!Number.isFinite(left)) throw new Error('评价不可见（页面上宽高为 0），无法截图');
  return { x: left, y: top, width: Math.ceil(right - left), height: Math.ceil(bottom - top) };
}

/** The nearest common ancestor to render from (e.g. the table holding a header row and its body rows). */
function commonAncestor(parts: Element[]): Element {
  const first = parts[0];
  if (!first) throw new Error('没有可截图的元素');
  let candidate: Element | null = parts.length === 1 ? first : first.parentElement;
  while (candidate && !parts.every((p) => candidate!.contains(p))) candidate = candidate.parentElement;
  if (candidate?.tagName === 'TBODY' || candidate?.tagName === 'THEAD') candidate = candidate.closest('table') ?? candidate;
  return candidate ?? first.ownerDocument.body;
}

export async function captureElements(parts: Element[], now: () => number = () => performance.now()): Promise<ElementCapture> {
  const started = now();
  const rect = unionRect(parts);
  const target = commonAncestor(parts) as HTMLElement;
  // html2canvas takes x/y as offsets from the rendered element's own top-left corner, not page coordinates.
  const origin = target.getBoundingClientRect();
  const scale = Math.min(2, Math.max(1, target.ownerDocument.defaultView?.devicePixelRatio ?? 1));
  const canvas = await html2canvas(target, {
    x: Math.round(rect.x - origin.left),
    y: Math.round(rect.y - origin.top),
    width: rect.width,
    height: rect.height,
    scale,
    backgroundColor: '#ffffff',
    logging: false,
    useCORS: true,
    ignoreElements: (el) => el.hasAttribute('data-rg-ui'),
  });
  if (canvas.width === 0 || canvas.height === 0) throw new Error('截图结果为空白');
  let dataUrl: string;
  try {
    dataUrl = canvas.toDataURL('image/png');
  } catch {
    throw new Error('页面图片跨域，浏览器禁止导出截图');
  }
  return { dataUrl, width: canvas.width, height: canvas.height, method: 'html2canvas-pro', renderMs: now() - started };
}
