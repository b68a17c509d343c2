import { describe, expect, it } from 'vitest';
import { createCaptureThrottle, MIN_GAP_MS, serialized, type ThrottleClock } from '../../lib/evidence/captureThrottle';
import { bytesToDataUrl, cropRect } from '../../lib/evidence/pixelCapture';
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
