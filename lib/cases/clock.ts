export interface Clock {
  nowMs(): number;
  newId(): string;
}

export const systemClock: Clock = { nowMs: () => Date.now(), newId: () => crypto.randomUUID() };
