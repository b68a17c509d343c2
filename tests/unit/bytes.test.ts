import { describe, expect, it } from 'vitest';
import { decidingPhraseTexts } from '../../lib/evidence/decidingPhrases';
import type { Classification } from '../../lib/schemas';
import { decodeImageDataUrl, sha256Hex } from '../../lib/evidence/bytes';

describe('evidence bytes', () => {
  it('hashes exactly the given bytes (SHA-256 of "abc")', async () => {
    expect(await sha256Hex(new TextEncoder().encode('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('decodes a PNG data URL to its bytes', () => {
    const { mime, bytes } = decodeImageDataUrl('data:image/png;base64,iVBORw0KGgo=');
    expect(mime).toBe('image/png');
    expect(Array.from(bytes.slice(0, 4))).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });

  it('refuses anything that is not a base64 image', () => {
    expect(() => decodeImageDataUrl('data:text/html;base64,PGI+')).toThrow(/截图数据格式无效/);
    expect(() => decodeImageDataUrl('data:image/png;base64,')).toThrow(/为空/);
    expect(() => decodeImageDataUrl('javascript:alert(1)')).toThrow();
  });
});

describe('deciding phrases boxed on the annotated copy', () => {
  const phrase = (text: string, category: Classification['category']) => ({ start: 0, end: text.length, text, category, reason: '' });
  const base: Classification = { category: 'abusive', confidence: 0.9, also: ['subjective'], phrases: [], reasons: [], version: 't' };

  it('boxes only phrases that support a ground the platform acts on, never the genuine complaint beside them', () => {
    const c = { ...base, phrases: [phrase('sb', 'abusive'), phrase('不回', 'subjective'), phrase('sb', 'abusive')] };
    expect(decidingPhraseTexts(c)).toEqual(['sb']);
  });

  it('boxes nothing on a subjective or positive review', () => {
    expect(decidingPhraseTexts({ ...base, category: 'subjective', phrases: [phrase('质量差', 'subjective')] })).toEqual([]);
    expect(decidingPhraseTexts({ ...base, category: 'positive', phrases: [phrase('好', 'positive')] })).toEqual([]);
  });
});
