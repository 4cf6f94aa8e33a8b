export * from './allocate';
export * from './currency';
export * from './minor-units';
export * from './money';
export * from './rate';
export * from './rounding';
export * from './decimal-amount';
