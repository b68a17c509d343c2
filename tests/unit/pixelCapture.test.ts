import { describe, expect, it } from 'vitest';
import { createCaptureThrottle, MIN_GAP_MS, serialized, type ThrottleClock } from '../../lib/evidence/captureThrottle';
import { bytesToDataUrl, cropRect, MAX_CANVAS_PX, MAX_PAGE_SCREENS, stitchPage } from '../../lib/evidence/pixelCapture';
import { decodeImageDataUrl } from '../../lib/evidence/bytes';

function fakeClock() {
  let now = 0;
  const clock: ThrottleClock = {
    now: () => now,
    sleep: async (ms) => {
      now += ms;
    },
  };
  return clock;
}

describe('captureVisibleTab under the 2-per-second limit', () => {
  it('spaces calls at least 550 ms apart, in order', async () => {
    const clock = fakeClock();
    const at: number[] = [];
    const capture = createCaptureThrottle(async () => {
      at.push(clock.now());
      return at.length;
    }, clock);
    expect(await Promise.all([capture(), capture(), capture()])).toEqual([1, 2, 3]);
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(MIN_GAP_MS);
    expect(at[2]! - at[1]!).toBeGreaterThanOrEqual(MIN_GAP_MS);
  });

  it('retries a call refused for the rate limit, and passes other errors through', async () => {
    const clock = fakeClock();
    let calls = 0;
    const capture = createCaptureThrottle(async () => {
      if (++calls === 1) throw new Error('This request exceeds the MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND quota.');
      return 'ok';
    }, clock);
    expect(await capture()).toBe('ok');
    expect(calls).toBe(2);
    const failing = createCaptureThrottle(async () => {
      throw new Error('Cannot access contents of url');
    }, clock);
    await expect(failing()).rejects.toThrow('Cannot access');
    // A failure does not block the queue.
    expect(await capture()).toBe('ok');
  });
});

describe('one pixel capture at a time', () => {
  it('a second capture starts only after the first has finished, even when the first fails', async () => {
    const log: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const run = serialized(async (name: string) => {
      log.push(`start ${name}`);
      if (name === 'a') await gate;
      log.push(`end ${name}`);
      if (name === 'a') throw new Error('a failed');
      return name;
    });
    const a = run('a');
    const b = run('b');
    await Promise.resolve();
    expect(log).toEqual(['start a']);
    release();
    await expect(a).rejects.toThrow('a failed');
    expect(await b).toBe('b');
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b']);
  });
});

describe('cropping the screenshot to the review', () => {
  it('scales CSS pixels by the screenshot density and clamps to the screenshot', () => {
    expect(cropRect({ x: 10, y: 20, width: 100, height: 50 }, 2, { width: 2560, height: 1800 })).toEqual({ x: 20, y: 40, width: 200, height: 100 });
    expect(cropRect({ x: -5, y: 850, width: 100, height: 100 }, 1, { width: 1280, height: 900 })).toEqual({ x: 0, y: 850, width: 95, height: 50 });
  });

  it('encodes bytes as a data URL that decodes to the same bytes', () => {
    const bytes = new Uint8Array(100_000).map((_, i) => (i * 7) % 256);
    expect(decodeImageDataUrl(bytesToDataUrl(bytes, 'image/png')).bytes).toEqual(bytes);
  });
});

describe('whole-page capture: scroll and stitch', () => {
  /** A fake page: shots are the scroll positions they were taken at; draws are recorded. */
  function fakePage(o: { height: number; viewport: number; k?: number; top?: (scrollY: number) => number; bottom?: number; stuckAt?: number }) {
    const k = o.k ?? 1;
    let scrollY = 0;
    const draws: { shotAt: number; srcY: number; height: number; destY: number }[] = [];
    const scrolls: number[] = [];
    let surfaceSize: [number, number] | null = null;
    const run = () =>
      stitchPage<{ at: number }>({
        pageHeight: o.height,
        viewportWidth: 1000,
        viewportHeight: o.viewport,
        shoot: async () => ({ at: scrollY }),
        widthOf: () => 1000 * k,
        scrollTo: async (y) => {
          scrolls.push(y);
          scrollY = Math.max(0, Math.min(o.stuckAt ?? o.height - o.viewport, Math.round(y)));
          return { scrollY, topInset: o.top ? o.top(scrollY) : 0, bottomInset: o.bottom ?? 0 };
        },
        surface: (w, h) => {
          surfaceSize = [w, h];
          return { draw: (shot, srcY, height, destY) => draws.push({ shotAt: shot.at, srcY, height, destY }) };
        },
      });
    return { run, draws, scrolls, k, surface: () => surfaceSize };
  }

  /** Every drawn row comes from the shot at its own page position, rows are contiguous from 0, none drawn twice. */
  function expectFaithful(draws: { shotAt: number; srcY: number; height: number; destY: number }[], k: number, heightPx: number) {
    let end = 0;
    for (const d of draws) {
      expect(d.destY).toBe(end);
      expect(d.destY - d.srcY).toBe(Math.round(d.shotAt * k));
      end = d.destY + d.height;
    }
    expect(end).toBe(heightPx);
  }

  it('a page three windows tall: top to bottom, the fixed header drawn once, from the top of the page', async () => {
    const page = fakePage({ height: 3000, viewport: 900, top: () => 60 });
    const result = await page.run();
    expect(result.notes).toEqual([]);
    expect(result.coveredCss).toBe(3000);
    expect(result.heightPx).toBe(3000);
    expect(page.surface()).toEqual([1000, 3000]);
    expectFaithful(page.draws, 1, 3000);
    expect(page.draws[0]).toMatchObject({ shotAt: 0, srcY: 0 });
    // After the first shot no row under the fixed header (the top 60 px of the window) is used.
    for (const d of page.draws.slice(1)) expect(d.srcY).toBeGreaterThanOrEqual(60);
    expect(page.draws.at(-1)!.shotAt).toBe(2100); // the last window, clamped at the bottom of the page
  });

  it('at device pixel ratio 2, rows are image pixels', async () => {
    const page = fakePage({ height: 2000, viewport: 900, k: 2, top: () => 50 });
    const result = await page.run();
    expect(result.k).toBe(2);
    expect(result.heightPx).toBe(4000);
    expectFaithful(page.draws, 2, 4000);
  });

  it('a bar fixed at the bottom is left out of every shot but the last', async () => {
    const page = fakePage({ height: 2500, viewport: 900, bottom: 40 });
    const result = await page.run();
    expectFaithful(page.draws, 1, 2500);
    for (const d of page.draws.slice(0, -1)) expect(d.srcY + d.height).toBeLessThanOrEqual(860);
    expect(page.draws.at(-1)!.srcY + page.draws.at(-1)!.height).toBe(900);
    expect(result.notes).toEqual([]);
  });

  it('a header that only sticks once scrolled: the step is taken back, so no row is skipped', async () => {
    const page = fakePage({ height: 3000, viewport: 900, top: (y) => (y > 0 ? 120 : 0) });
    const result = await page.run();
    expectFaithful(page.draws, 1, 3000);
    expect(page.scrolls.slice(0, 3)).toEqual([0, 900, 780]);
    expect(result.notes).toEqual([]);
  });

  it('taller than 20 screens or 16,384 image rows: capped, and the record says how much was left out', async () => {
    const tall = fakePage({ height: 50_000, viewport: 900, top: () => 400 });
    const a = await tall.run();
    expect(a.shots).toBe(MAX_PAGE_SCREENS);
    expect(a.coveredCss).toBe(900 + 19 * 500);
    expectFaithful(tall.draws, 1, a.heightPx);
    expect(a.notes).toEqual([`页面高 50000 像素，超过整页截图上限（最多 20 屏、图像高 16384 像素），只截取了顶部 10400 像素；下面的内容请滚动到该处后另行采集`]);

    const dense = fakePage({ height: 50_000, viewport: 900, k: 2 });
    const b = await dense.run();
    expect(b.heightPx).toBe(MAX_CANVAS_PX);
    expect(dense.surface()![1]).toBe(MAX_CANVAS_PX);
    expectFaithful(dense.draws, 2, MAX_CANVAS_PX);
    expect(b.notes[0]).toContain('只截取了顶部 8192 像素');
  });

  it('a page that stops scrolling: what was shown is kept, and it says so', async () => {
    const page = fakePage({ height: 3000, viewport: 900, stuckAt: 0 });
    const result = await page.run();
    expect(result.heightPx).toBe(900);
    expect(result.notes).toEqual(['页面无法继续滚动，整页截图只包含顶部 900/3000 像素']);
  });

  it('a page no taller than the window is one shot', async () => {
    const page = fakePage({ height: 700, viewport: 900 });
    const result = await page.run();
    expect(result.shots).toBe(1);
    expect(page.draws).toEqual([{ shotAt: 0, srcY: 0, height: 700, destY: 0 }]);
  });
});
