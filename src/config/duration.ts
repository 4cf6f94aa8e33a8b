/** A duration as operators write it in settings: a positive integer and a unit (`500ms`, `30s`, `15m`, `2h`, `3d`). */
export const DURATION_PATTERN = /^([1-9]\d*)(ms|s|m|h|d)$/;

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Milliseconds of a duration that matched `DURATION_PATTERN` (settings are validated before use). */
export function durationMs(text: string): number {
  const match = DURATION_PATTERN.exec(text);
  if (!match) throw new Error(`not a duration: ${text}`);
  return Number(match[1]) * UNIT_MS[match[2]];
}
