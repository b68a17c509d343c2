import type { Category } from '../schemas/classification';

/** One piece of evidence. `start`/`end` are UTF-16 offsets into the original review text, or absent (order facts, chat). */
export interface Signal {
  readonly category: Category;
  /** 0–1: how strongly this alone supports the category. */
  readonly weight: number;
  /** Short Chinese label of the signal, e.g. 谐音/缩写辱骂. */
  readonly reason: string;
  readonly start?: number;
  readonly end?: number;
  /** Full Chinese sentence for `reasons` when the signal has no span (chat lines, order facts). */
  readonly note?: string;
}

/** Accumulates signals for all categories. */
export class Evidence {
  readonly signals: Signal[] = [];

  add(signal: Signal): void {
    if (signal.weight > 0) this.signals.push(signal);
  }

  /** Noisy-OR of the weights: several weak signals add up, one strong one is enough. */
  score(category: Category): number {
    let miss = 1;
    for (const s of this.signals) if (s.category === category) miss *= 1 - Math.min(0.99, s.weight);
    return 1 - miss;
  }

  has(category: Category): boolean {
    return this.signals.some((s) => s.category === category);
  }

  of(category: Category): Signal[] {
    return this.signals.filter((s) => s.category === category);
  }
}
