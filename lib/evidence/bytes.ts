/** SHA-256 of exactly these bytes, lower-case hex (WebCrypto: available in workers, pages and Node 20). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

const DATA_URL = /^data:(image\/(?:png|jpeg|webp));base64,([A-Za-z0-9+/]*={0,2})$/;

/** Decodes a base64 image data URL; anything else is refused with a reason. */
export function decodeImageDataUrl(dataUrl: string): { mime: string; bytes: Uint8Array<ArrayBuffer> } {
  const match = DATA_URL.exec(dataUrl);
  if (!match?.[1] || match[2] === undefined) throw new Error('截图数据格式无效（应为 PNG/JPEG/WebP 的 base64 数据）');
  const binary = atob(match[2]);
  if (binary.length === 0) throw new Error('截图数据为空');
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return { mime: match[1], bytes };
}
