export * from './platform';
export * from './classification';
export * from './review';
export * from './case';
export * from './evidence';
export * from './reminder';
export * from './messages';
export * from './chat';
