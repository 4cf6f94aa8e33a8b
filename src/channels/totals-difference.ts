/** A total a channel states that disagrees with what its lines add up to. */
export interface TotalsDifference {
  field: string;
  /** What the lines add up to. */
  computedMinor: number;
  /** What the payload states. */
  statedMinor: number;
}
