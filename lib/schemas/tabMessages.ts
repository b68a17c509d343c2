import { z } from 'zod';
import { ObservedPageJson, PixelBox } from './evidence';
import { ReviewSnapshot } from './review';

/** A rectangle in CSS pixels of the viewport. */
export const ViewportRect = z.object({ x: z.number(), y: z.number(), width: z.number().positive(), height: z.number().positive() });
export type ViewportRect = z.infer<typeof ViewportRect>;

/** What the content script reports before a pixel-exact capture: which review, and where it sits on screen. */
export const PixelCaptureTarget = z.object({
  review: ReviewSnapshot,
  rect: ViewportRect,
  devicePixelRatio: z.number().positive(),
  /** Size of the visible viewport in CSS pixels (the captured image covers exactly this). */
  viewport: z.object({ width: z.number().positive(), height: z.number().positive() }),
  /** Boxes relative to `rect`, in CSS pixels. */
  phraseBoxes: z.array(PixelBox),
  privacyBoxes: z.array(PixelBox),
  /** Height covered by the page's own fixed/sticky bars at the top of the window (CSS px): never part of a shot. */
  topInset: z.number().nonnegative(),
  /** Unused since scroll-and-stitch; kept null. */
  clipped: z.string().nullable(),
  notRendered: z.array(z.string()),
  /** The page's own JSON for the review when the network tap observed it; else null and why. */
  pageJson: ObservedPageJson.nullable(),
  pageJsonNote: z.string().max(500).nullable(),
  /** Whole-page mode: the page's scroll height, where it was scrolled when `rect` was measured (CSS px). */
  page: z
    .object({
      height: z.number().positive(),
      scrollY: z.number(),
      /** The review sits in an area that scrolls inside the page (not the window): the page shot shows only its visible part. */
      innerScroll: z.boolean(),
      /** A tall fixed side bar (menu): it stays on screen while scrolling, so it repeats on every stitched screen. */
      fixedSideBar: z.boolean(),
    })
    .optional(),
  pageUrl: z.string().url(),
  pageTitle: z.string().max(1000),
  extensionVersion: z.string(),
  userAgent: z.string().max(1000),
  timeZone: z.string(),
});
export type PixelCaptureTarget = z.infer<typeof PixelCaptureTarget>;

/** Messages from the background to a content script in a tab (`tabs.sendMessage`). */
export const TabMessageSchemas = {
  'pixel-capture-prepare': {
    request: z.object({
      trigger: z.enum(['context-menu', 'shortcut', 'test', 'button']),
      /** The review to capture when the in-page button asked (trigger `button`); else the right-clicked/pointed one. */
      reviewKey: z.string().max(200).optional(),
      /** `viewport` / `page`: the whole screen or page will be kept, so every one of our buttons is hidden, not only this review's. */
      scope: z.enum(['element', 'viewport', 'page']).default('element'),
    }),
    response: PixelCaptureTarget,
  },
  /** Scrolls the page by `by` CSS px (tall reviews are shot in segments) and says where the review is now. */
  'pixel-capture-scroll': {
    request: z.object({ reviewKey: z.string(), by: z.number() }),
    response: z.object({ rect: ViewportRect }),
  },
  /** Whole-page mode: scrolls the window to `y` (CSS px) and says where it is and what its fixed bars cover there. */
  'pixel-capture-scroll-to': {
    request: z.object({ reviewKey: z.string(), y: z.number() }),
    response: z.object({ scrollY: z.number(), topInset: z.number().nonnegative(), bottomInset: z.number().nonnegative() }),
  },
  'pixel-capture-finish': {
    request: z.object({ reviewKey: z.string(), ok: z.boolean(), message: z.string(), sha256: z.string().nullable() }),
    response: z.object({ restored: z.boolean() }),
  },
} as const;

export type TabMessageType = keyof typeof TabMessageSchemas;
export type TabMessageRequest<T extends TabMessageType> = z.infer<(typeof TabMessageSchemas)[T]['request']>;
export type TabMessageResponse<T extends TabMessageType> = z.infer<(typeof TabMessageSchemas)[T]['response']>;
