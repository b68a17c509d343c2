/**
 * Finds where given phrases sit on screen inside an element, also when a phrase spans several text nodes
 * (highlights, emoji spans). Boxes are relative to the element's top-left corner, in CSS pixels.
 */
export interface TextBox {
  x: number;
  y: number;
  width: number;
  height: number;
  label: string;
}

export interface TextRangeSpec {
  label: string;
  ranges: { node: Text; start: number; end: number }[];
}

/** Pure part: locates each needle in the element's text and says which text nodes (and offsets) it covers. */
export function locateText(root: Node, needles: readonly string[]): TextRangeSpec[] {
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  const nodes: { node: Text; start: number }[] = [];
  let joined = '';
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = n as Text;
    if (text.parentElement?.closest('[data-rg-ui],script,style')) continue;
    nodes.push({ node: text, start: joined.length });
    joined += text.data;
  }
  const found: TextRangeSpec[] = [];
  for (const needle of new Set(needles.filter((n) => n.trim().length > 0))) {
    for (let at = joined.indexOf(needle); at >= 0; at = joined.indexOf(needle, at + needle.length)) {
      const end = at + needle.length;
      const ranges = nodes
        .filter(({ node, start }) => start < end && start + node.data.length > at)
        .map(({ node, start }) => ({ node, start: Math.max(0, at - start), end: Math.min(node.data.length, end - start) }));
      found.push({ label: needle, ranges });
    }
  }
  return found;
}

/** Measuring part (needs layout): one box per line fragment of each occurrence. */
export function measureText(root: Element, needles: readonly string[]): TextBox[] {
  const origin = root.getBoundingClientRect();
  const boxes: TextBox[] = [];
  for (const spec of locateText(root, needles)) {
    for (const r of spec.ranges) {
      const range = root.ownerDocument.createRange();
      range.setStart(r.node, r.start);
      range.setEnd(r.node, r.end);
      for (const rect of Array.from(range.getClientRects())) {
        if (rect.width === 0 || rect.height === 0) continue;
        boxes.push({ x: rect.left - origin.left, y: rect.top - origin.top, width: rect.width, height: rect.height, label: spec.label });
      }
    }
  }
  return boxes;
}
