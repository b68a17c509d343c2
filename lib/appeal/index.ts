export * from './types';
export { draftAppeal } from './draft';
export { countChars, truncateWithEllipsis, calmText } from './text';
