import { classifyReview } from './classify';

/** Whether one chat message, on its own, threatens a bad review for money or favours (差评要挟). */
export function isExtortionMessage(text: string): boolean {
  return classifyReview({ text, rating: null }).category === 'extortion';
}
