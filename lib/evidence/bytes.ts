/** SHA-256 of exactly these bytes, lower-case hex (WebCrypto: available in workers, pages and Node 20). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

const DATA_URL_HEAD = /^data:(image\/(?:png|jpeg|webp));base64,/;

/** Native base64 decoding where the engine has it (Chromium 140+): a screenshot's megabyte of base64 in well under 1 ms. */
const fromBase64 = (Uint8Array as unknown as { fromBase64?: (s: string) => Uint8Array<ArrayBuffer> }).fromBase64;

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  if (fromBase64) return fromBase64(text);
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Decodes a base64 image data URL; anything else is refused with a reason. */
export function decodeImageDataUrl(dataUrl: string): { mime: string; bytes: Uint8Array<ArrayBuffer> } {
  const head = DATA_URL_HEAD.exec(dataUrl);
  const invalid = '截图数据格式无效（应为 PNG/JPEG/WebP 的 base64 数据）';
  if (!head?.[1]) throw new Error(invalid);
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = decodeBase64(dataUrl.slice(head[0].length));
  } catch {
    throw new Error(invalid);
  }
  if (bytes.length === 0) throw new Error('截图数据为空');
  return { mime: head[1], bytes };
}
