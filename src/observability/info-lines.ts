import { levels } from 'pino';

/**
 * Whether a LOG_LEVEL writes info lines (pino's levels: info and below). Above it, what builds an
 * info line per request or per saga step can skip building it: nothing would be written.
 */
export const writesInfoLines = (level: string): boolean => (levels.values[level] ?? Number.POSITIVE_INFINITY) <= levels.values.info;
