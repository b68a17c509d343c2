import type { Category, FactCheck } from '../schemas/classification';

/**
 * What kind of evidence a signal is. The route uses it to pick the evidence checklist (a privacy leak needs a
 * different screenshot than a chat demand) and the explanation uses it to say which facts were checked.
 */
export type SignalKind =
  // abusive
  | 'insult'
  | 'profanity'
  | 'threat'
  | 'defamation'
  | 'privacy'
  // competitor
  | 'link'
  | 'self_id'
  | 'promo'
  | 'rival'
  | 'chat_trade'
  | 'usage_time'
  | 'batch'
  | 'fake_claim'
  // extortion
  | 'demand'
  | 'chat_demand'
  // not received / unused
  | 'not_received'
  | 'unused'
  | 'prejudge'
  | 'before_receipt'
  | 'no_record'
  // irrelevant
  | 'ad'
  | 'social'
  | 'padding'
  | 'wrong_order'
  | 'gibberish'
  | 'courier'
  | 'platform'
  | 'environment'
  | 'personal'
  // subjective support
  | 'true_claim'
  | 'observed';

/** One piece of evidence. `start`/`end` are UTF-16 offsets into the original review text, or absent (order facts, chat). */
export interface Signal {
  readonly category: Category;
  /** 0–1: how strongly this alone supports the category. */
  readonly weight: number;
  /** Short Chinese label of the signal, e.g. 谐音/缩写辱骂. */
  readonly reason: string;
  readonly kind: SignalKind;
  readonly start?: number;
  readonly end?: number;
  /** Full Chinese sentence for `reasons` when the signal has no span (chat lines, order facts). */
  readonly note?: string;
  /** Indices into `input.chat` of the lines this signal was read from. */
  readonly chatLines?: readonly number[];
}

/** Accumulates signals for all categories, and the facts that were checked on the way. */
export class Evidence {
  readonly signals: Signal[] = [];
  readonly facts: FactCheck[] = [];

  add(signal: Signal): void {
    if (signal.weight > 0) this.signals.push(signal);
  }

  fact(fact: FactCheck): void {
    if (!this.facts.some((f) => f.fact === fact.fact && f.finding === fact.finding)) this.facts.push(fact);
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

  hasKind(kind: SignalKind, category?: Category): boolean {
    return this.signals.some((s) => s.kind === kind && (category === undefined || s.category === category));
  }

  of(category: Category): Signal[] {
    return this.signals.filter((s) => s.category === category);
  }
}
