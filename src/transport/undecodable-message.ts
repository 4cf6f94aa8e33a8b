import type { PackageDefinition } from '@grpc/proto-loader';
import { MalformedMessageError } from '../errors/malformed-message.error';

/**
 * Stands in for a request whose bytes did not decode. grpc-js would answer such a call
 * INTERNAL itself, before any of our code ran; handed on like a message instead, it meets the
 * edge like any other call, so the access guard authenticates first and the caller then hears
 * INVALID_ARGUMENT.
 */
class UndecodableMessage {
  constructor(readonly error: MalformedMessageError) {}
}

/** Makes every method of `definition` hand an `UndecodableMessage` on instead of throwing. */
export function decodeLeniently(definition: PackageDefinition): void {
  for (const entry of Object.values(definition)) {
    if ('format' in entry) continue; // a message or enum type, not a service
    for (const method of Object.values(entry)) {
      const decode = method.requestDeserialize;
      method.requestDeserialize = (bytes: Buffer) => {
        try {
          return decode(bytes);
        } catch (error) {
          return new UndecodableMessage(new MalformedMessageError(method.path, (error as Error).message));
        }
      };
    }
  }
}

/** Throws the decoding failure when `request` is a message that did not decode. */
export function refuseUndecodable(request: unknown): void {
  if (request instanceof UndecodableMessage) throw request.error;
}
