import { describe, expect, it } from 'vitest';
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
