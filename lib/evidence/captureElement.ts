/**
 * Renders the elements of one review to a PNG with html2canvas-pro (the maintained fork of html2canvas:
 * html2canvas 1.4.1 draws box-shadow/border-radius as grey blocks and has had no release since 2022).
 *
 * The review is isolated in the clone: its sibling reviews are not cloned at all (a 1,000-review page would
 * otherwise be cloned and re-load every picture), and a table keeps its column widths through a fixed colgroup,
 * so the image looks exactly like the rows on screen, with the table's column headers above them.
 */
import html2canvas from 'html2canvas-pro';
import type { Options } from 'html2canvas-pro';
import { UI_ATTR } from '../detection/reviewScanner';

export interface ElementCapture {
  dataUrl: string;
  width: number;
  height: number;
  method: string;
  renderMs: number;
  /** The rendered canvas (for annotation and format measurement). */
  canvas: HTMLCanvasElement;
  /** Device pixels per CSS pixel in the image. */
  scale: number;
}

export interface CaptureOptions {
  /** Called on the laid-out clone, right before rendering: measure positions there (they match the image). */
  onLaidOutClone?: (clonedTarget: HTMLElement) => void;
}

/** Device pixels per CSS pixel of an evidence image: the screen's ratio, at least 1 (legible), at most 2 (size). */
export function evidenceScale(target: Element): number {
  return Math.min(2, Math.max(1, target.ownerDocument.defaultView?.devicePixelRatio ?? 1));
}

/**
 * What every evidence render shares: a white page, pictures fetched with CORS (else the canvas cannot be exported),
 * and never our own UI (toolbars, badges) nor the elements in `skip`.
 */
export function evidenceRenderOptions(scale: number, skip: ReadonlySet<Element>): Partial<Options> {
  return {
    scale,
    backgroundColor: '#ffffff',
    logging: false,
    useCORS: true,
    ignoreElements: (el) => skip.has(el) || el.hasAttribute(UI_ATTR),
  };
}

/** What to render: the parts' nearest common ancestor (a whole table for table rows). */
export function renderTarget(parts: readonly Element[]): Element {
  const first = parts[0];
  if (!first) throw new Error('没有可截图的元素');
  if (parts.length === 1 && first.tagName !== 'TR') return first;
  let candidate: Element | null = parts.length === 1 ? first.parentElement : first.parentElement;
  while (candidate && !parts.every((p) => candidate!.contains(p))) candidate = candidate.parentElement;
  if (candidate && /^(TBODY|THEAD|TFOOT|TR)$/.test(candidate.tagName)) candidate = candidate.closest('table') ?? candidate;
  return candidate ?? first.ownerDocument.body;
}

/** Elements to leave out of the clone: every sibling of a part that is not itself a part (the other reviews). */
export function siblingsToSkip(parts: readonly Element[]): Set<Element> {
  const keep = new Set(parts);
  const skip = new Set<Element>();
  for (const part of parts) {
    const parent = part.parentElement;
    if (!parent) continue;
    for (const sibling of Array.from(parent.children)) if (!keep.has(sibling) && sibling.tagName !== 'COLGROUP') skip.add(sibling);
  }
  return skip;
}

/** Column widths of a table, read from the row with the most cells (no colspans to untangle). */
function columnWidths(table: HTMLTableElement): number[] {
  let widest: HTMLTableRowElement | null = null;
  for (const row of Array.from(table.rows)) if (!widest || row.cells.length > widest.cells.length) widest = row;
  return widest ? Array.from(widest.cells, (c) => c.getBoundingClientRect().width) : [];
}

export async function captureElements(
  parts: Element[],
  now: () => number = () => performance.now(),
  options: CaptureOptions = {},
): Promise<ElementCapture> {
  const started = now();
  for (const part of parts) {
    const r = part.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) throw new Error('评价不可见（页面上宽高为 0），无法截图');
  }
  const target = renderTarget(parts) as HTMLElement;
  const skip = siblingsToSkip(parts);
  const table = target.tagName === 'TABLE' ? (target as HTMLTableElement) : null;
  const widths = table ? columnWidths(table) : [];
  const tableWidth = table?.getBoundingClientRect().width ?? 0;
  const scale = evidenceScale(target);

  const canvas = await html2canvas(target, {
    ...evidenceRenderOptions(scale, skip),
    onclone: (_doc, clonedTarget) => {
      pinColumns(clonedTarget);
      options.onLaidOutClone?.(clonedTarget);
    },
  });
  if (canvas.width === 0 || canvas.height === 0) throw new Error('截图结果为空白');
  let dataUrl: string;
  try {
    dataUrl = canvas.toDataURL('image/png');
  } catch {
    throw new Error('页面图片跨域，浏览器禁止导出截图');
  }
  return { dataUrl, width: canvas.width, height: canvas.height, method: 'html2canvas-pro', renderMs: now() - started, canvas, scale };

  function pinColumns(clonedTarget: HTMLElement): void {
    if (!table || widths.length === 0 || !(clonedTarget instanceof clonedTarget.ownerDocument.defaultView!.HTMLTableElement))
      return;
    // Without the other rows, auto layout would re-flow the columns; pin them to what the seller sees.
    const doc = clonedTarget.ownerDocument;
    clonedTarget.querySelectorAll(':scope > colgroup').forEach((c) => c.remove());
    const colgroup = doc.createElement('colgroup');
    for (const w of widths) {
      const col = doc.createElement('col');
      col.style.width = `${w}px`;
      colgroup.append(col);
    }
    clonedTarget.prepend(colgroup);
    clonedTarget.style.tableLayout = 'fixed';
    clonedTarget.style.width = `${tableWidth}px`;
  }
}
