/**
 * Prepares the images a platform's appeal form will take (e.g. Pinduoduo: at most 6 images, jpg/png, ≤ 3 MB each):
 * keep what already fits, convert what is in another format, compress or shrink what is too large, and combine
 * consecutive captures into long images when there are more than the form allows. Says what could not be made to fit.
 * The limits come from the platform profile (with their source), never from here.
 */

export interface UploadSource {
  label: string;
  mime: string;
  bytes: Uint8Array;
  width: number;
  height: number;
}

export interface UploadLimits {
  maxImages: number | null;
  /** As the form names them: `jpg`, `jpeg`, `png`. Empty: unknown, anything goes. */
  imageTypes: readonly string[];
  maxImageBytes: number | null;
}

export interface Encoded {
  mime: string;
  bytes: Uint8Array;
  width: number;
  height: number;
}

/** Canvas work, supplied by the caller (the side panel uses OffscreenCanvas; tests a fake). */
export interface ImageCodec {
  /** Draws the sources one below the other (left-aligned, white background), scaled by `scale`, and encodes. */
  render(sources: readonly UploadSource[], scale: number, mime: 'image/png' | 'image/jpeg', quality?: number): Promise<Encoded>;
}

export interface UploadImage extends Encoded {
  fileName: string;
  sources: string[];
  /** What was done, in Chinese: 原样, 转为 PNG, 压缩为 JPEG（质量 85%）, 合并 2 张为长图, 缩小到 80%… */
  steps: string[];
}

export interface UploadSet {
  images: UploadImage[];
  /** What could not be made to fit (empty when everything fits). */
  problems: string[];
}

/** Canvas height browsers reliably draw and platforms display; a longer combined image is refused, not produced. */
export const MAX_COMBINED_HEIGHT = 16_000;
const JPEG_QUALITIES = [0.92, 0.85, 0.75, 0.6] as const;
const SCALES = [1, 0.8, 0.64, 0.5] as const;

const TYPE_MIME: Record<string, string> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', gif: 'image/gif' };

export function allowedMimes(limits: UploadLimits): Set<string> | null {
  if (limits.imageTypes.length === 0) return null;
  return new Set(limits.imageTypes.map((t) => TYPE_MIME[t.toLowerCase()] ?? t));
}

/** Splits items into at most `max` consecutive groups, as even as possible (time order is kept). */
export function groupForLimit<T>(items: readonly T[], max: number | null): T[][] {
  if (max === null || items.length <= max) return items.map((i) => [i]);
  if (max <= 0) return [];
  const groups: T[][] = [];
  const base = Math.floor(items.length / max);
  const extra = items.length % max;
  let at = 0;
  for (let g = 0; g < max; g++) {
    const size = base + (g < extra ? 1 : 0);
    groups.push(items.slice(at, at + size));
    at += size;
  }
  return groups;
}

const extensionOf = (mime: string) => (mime === 'image/jpeg' ? 'jpg' : mime.split('/')[1] ?? 'bin');

export async function fitForUpload(sources: readonly UploadSource[], limits: UploadLimits, codec: ImageCodec, platformLabel: string): Promise<UploadSet> {
  const problems: string[] = [];
  const images: UploadImage[] = [];
  if (limits.maxImages === 0) return { images, problems: [`${platformLabel}的此类申诉不接受图片`] };
  const allowed = allowedMimes(limits);
  const maxBytes = limits.maxImageBytes ?? Number.POSITIVE_INFINITY;
  const pngAllowed = !allowed || allowed.has('image/png');
  const jpegAllowed = !allowed || allowed.has('image/jpeg');
  const groups = groupForLimit(sources, limits.maxImages);
  if (limits.maxImages !== null && sources.length > limits.maxImages)
    problems.push(`共 ${sources.length} 张截图，超过${platformLabel}每次最多 ${limits.maxImages} 张：已按时间顺序合并为 ${groups.length} 张长图`);

  for (const group of groups) {
    const number = images.length + 1;
    const names = group.map((s) => s.label);
    const height = group.reduce((h, s) => h + s.height, 0);
    if (group.length > 1 && height > MAX_COMBINED_HEIGHT) {
      problems.push(`${names.join('、')} 合并后高 ${height} 像素，超过 ${MAX_COMBINED_HEIGHT} 像素，无法合成一张：请减少截图或分次提交`);
      continue;
    }
    const single = group.length === 1 ? group[0]! : null;
    if (single && (!allowed || allowed.has(single.mime)) && single.bytes.byteLength <= maxBytes) {
      images.push({ ...single, fileName: `上传图${number}.${extensionOf(single.mime)}`, sources: names, steps: ['原样'] });
      continue;
    }
    const steps: string[] = group.length > 1 ? [`合并 ${group.length} 张为长图`] : [];
    let fitted: Encoded | null = null;
    for (const scale of SCALES) {
      const scaleStep = scale === 1 ? [] : [`缩小到 ${Math.round(scale * 100)}%`];
      if (pngAllowed) {
        const png = await codec.render(group, scale, 'image/png');
        if (png.bytes.byteLength <= maxBytes) {
          fitted = png;
          steps.push(...scaleStep, single ? `由 ${single.mime.replace('image/', '').toUpperCase()} 转为 PNG` : '保存为 PNG');
          break;
        }
      }
      if (jpegAllowed) {
        for (const quality of JPEG_QUALITIES) {
          const jpeg = await codec.render(group, scale, 'image/jpeg', quality);
          if (jpeg.bytes.byteLength <= maxBytes) {
            fitted = jpeg;
            steps.push(...scaleStep, `压缩为 JPEG（质量 ${Math.round(quality * 100)}%，有损，原图另在证据包中）`);
            break;
          }
        }
        if (fitted) break;
      }
    }
    if (!fitted) {
      problems.push(`${names.join('、')} 缩小到 50% 并压缩后仍超过 ${Math.round(maxBytes / 2 ** 20)} MB，无法放入：请单独截取较小的部分`);
      continue;
    }
    images.push({ ...fitted, fileName: `上传图${number}.${extensionOf(fitted.mime)}`, sources: names, steps });
  }
  return { images, problems };
}
