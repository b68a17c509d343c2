import type { SelectorRule } from './types';

/** Every element matching the first candidate that matches anything. */
export function queryAllByRule(scope: ParentNode, rule: SelectorRule): Element[] {
  for (const selector of rule.candidates) {
    const found = scope.querySelectorAll(selector);
    if (found.length > 0) return Array.from(found);
  }
  return [];
}

/** Like queryAllByRule, and says which candidate matched (-1: none), so drift shows before the last fallback fails. */
export function matchRule(scope: ParentNode, rule: SelectorRule): { elements: Element[]; candidate: number } {
  for (let i = 0; i < rule.candidates.length; i++) {
    const found = scope.querySelectorAll(rule.candidates[i]!);
    if (found.length > 0) return { elements: Array.from(found), candidate: i };
  }
  return { elements: [], candidate: -1 };
}

export function queryByRule(scope: ParentNode, rule: SelectorRule): Element | null {
  for (const selector of rule.candidates) {
    const found = scope.querySelector(selector);
    if (found) return found;
  }
  return null;
}

type Matcher = (element: Element) => boolean;
const compiled = new Map<string, Matcher>();
/** `tag[attr="v"]`, `[attr*="v"]`, `tag[attr^="v"]`, `[attr$="v"]`: what most of our selector tables use. */
const SIMPLE = /^([a-z][a-z0-9]*)?\[(class|id|data-[a-z0-9-]+)([*^$]?)="([^"\\]*)"\]$/;

/**
 * `element.matches(selector)` without the selector engine for the simple forms above (called for every row the
 * scanner looks at). Only case-sensitive attributes (class, id, data-*) are compiled; anything else uses matches().
 */
function matcherFor(selector: string): Matcher {
  let m = compiled.get(selector);
  if (m) return m;
  const parts = SIMPLE.exec(selector);
  if (!parts) m = (el) => el.matches(selector);
  else {
    const [, tag, attr, op, value] = parts as unknown as [string, string | undefined, string, string, string];
    const test: (v: string) => boolean =
      op === '*' ? (v) => v.includes(value) : op === '^' ? (v) => v.startsWith(value) : op === '$' ? (v) => v.endsWith(value) : (v) => v === value;
    const never = op !== '' && value === ''; // [a*=""] matches nothing
    m = (el) => {
      if (never || (tag !== undefined && el.localName !== tag)) return false;
      const v = el.getAttribute(attr);
      return v !== null && test(v);
    };
  }
  compiled.set(selector, m);
  return m;
}

export function matchesRule(element: Element, rule: SelectorRule): boolean {
  for (const selector of rule.candidates) if (matcherFor(selector)(element)) return true;
  return false;
}

// Tag-based rather than computed style: getComputedStyle on every node would cost the page too much.
const BLOCK_TAGS = new Set(['DIV', 'P', 'LI', 'UL', 'OL', 'TR', 'TD', 'TH', 'TABLE', 'SECTION', 'ARTICLE', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6']);

/** Visible-ish text of an element with whitespace collapsed; our own injected UI is skipped. */
export function readText(element: Element): string {
  let out = '';
  const walk = (node: Node) => {
    if (node.nodeType === 3) {
      out += node.nodeValue ?? '';
      return;
    }
    if (node.nodeType !== 1) return;
    const el = node as Element;
    if (el.hasAttribute('data-rg-ui')) return;
    const tag = el.tagName;
    if (tag === 'SCRIPT' || tag === 'STYLE' || tag === 'TEMPLATE') return;
    if (tag === 'BR') out += '\n';
    const block = BLOCK_TAGS.has(tag);
    if (block) out += '\n';
    for (let child = el.firstChild; child; child = child.nextSibling) walk(child);
    if (block) out += '\n';
  };
  walk(element);
  return out.replace(/[ \t\r\f\v\u00a0]+/g, ' ').replace(/\s*\n\s*/g, '\n').trim();
}

/** readText of a document, shadow root or element. */
export function readScopeText(scope: ParentNode): string {
  if ((scope as Node).nodeType === 1) return readText(scope as Element);
  if ((scope as Node).nodeType === 9) return (scope as Document).body ? readText((scope as Document).body) : '';
  return Array.from(scope.children, (c) => readText(c)).join('\n');
}
