import { describe, expect, it, vi } from 'vitest';
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
    expect(() => decodeImageDataUrl('data:image/png;base64,iVBO@Kgo=')).toThrow(/截图数据格式无效/);
  });

  it('decodes natively where the engine has Uint8Array.fromBase64, with the same bytes as atob', async () => {
    const native = Uint8Array as unknown as { fromBase64?: unknown };
    const had = Object.prototype.hasOwnProperty.call(native, 'fromBase64');
    const original = native.fromBase64;
    let calls = 0;
    native.fromBase64 = (s: string) => {
      calls++;
      return Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
    };
    try {
      vi.resetModules();
      const fresh = await import('../../lib/evidence/bytes');
      expect(Array.from(fresh.decodeImageDataUrl('data:image/png;base64,iVBORw0KGgo=').bytes)).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      expect(calls).toBe(1);
    } finally {
      if (had) native.fromBase64 = original;
      else delete native.fromBase64;
    }
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
