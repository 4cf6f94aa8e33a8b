/**
 * A lease's stream (`lease-<name>`): who holds it, since when, and each renewal. The holder
 * appends at the revision it last wrote, so of two nodes that think they may act only one gets
 * each revision; a standby reads the last event and takes over once it has seen no new one for
 * the lease's timeout.
 */
export type LeaseEvent =
  | { type: 'LeaseTaken'; data: { holder: string; timeoutMs: number; at: string } }
  | { type: 'LeaseRenewed'; data: { holder: string; at: string } }
  | { type: 'LeaseReleased'; data: { holder: string; at: string } };

export const leaseStreamId = (name: string): string => `lease-${name}`;
