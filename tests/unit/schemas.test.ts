import { describe, expect, it } from 'vitest';
import { Category, CATEGORY_PRIORITY, CATEGORY_LABEL } from '../../lib/schemas';

describe('schemas', () => {
  it('priority lists every category once, strongest first', () => {
    expect(CATEGORY_PRIORITY[0]).toBe('extortion');
    expect(new Set(CATEGORY_PRIORITY).size).toBe(Category.options.length);
    for (const c of Category.options) expect(CATEGORY_LABEL[c]).toBeTruthy();
  });
});
