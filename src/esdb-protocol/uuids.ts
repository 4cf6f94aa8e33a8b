import { UUID } from '@eventstore/db-client/generated/shared_pb';
import { invalidArgument } from './protocol-errors';

/** How a reader asked for event ids (ReadReq.Options.UUIDOption); EventStoreDB defaults to structured. */
export type UuidFormat = 'structured' | 'string';

const CANONICAL = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Structured UUIDs carry the canonical form's first and last 8 bytes as signed big-endian
 * 64-bit integers (Java's layout), which is how the client's parseUUID reads them back.
 */
export function uuidMessage(id: string, format: UuidFormat): UUID {
  const uuid = new UUID();
  if (format === 'string') return uuid.setString(id);
  const hex = id.replace(/-/g, '');
  const structured = new UUID.Structured()
    .setMostSignificantBits(BigInt.asIntN(64, BigInt(`0x${hex.slice(0, 16)}`)).toString(10))
    .setLeastSignificantBits(BigInt.asIntN(64, BigInt(`0x${hex.slice(16)}`)).toString(10));
  return uuid.setStructured(structured);
}

/** Reads a proposed event id in either form, as lower-case canonical text. */
export function uuidText(uuid: UUID | undefined, field: string): string {
  let text: string;
  switch (uuid?.getValueCase()) {
    case UUID.ValueCase.STRING:
      text = uuid.getString().toLowerCase();
      break;
    case UUID.ValueCase.STRUCTURED: {
      const structured = uuid.getStructured() as UUID.Structured;
      const half = (bits: string) => BigInt.asUintN(64, BigInt(bits)).toString(16).padStart(16, '0');
      const hex = half(structured.getMostSignificantBits()) + half(structured.getLeastSignificantBits());
      text = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
      break;
    }
    default:
      throw invalidArgument(`${field} is required`);
  }
  if (!CANONICAL.test(text)) throw invalidArgument(`${field} must be a UUID, got "${text}"`);
  return text;
}
