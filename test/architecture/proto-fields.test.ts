import assert from 'node:assert/strict';
import { loadSync } from '@grpc/proto-loader';
import { describe, it } from 'node:test';
import { loadConfig } from '../../src/config/app-config';
import { grpcOptions } from '../../src/transport/grpc-options';

/** A message descriptor as @grpc/proto-loader gives it. */
interface MessageDescriptor {
  format: string;
  type: { field: Array<{ name: string; type: string }> };
}

describe('the protos the gRPC server loads', () => {
  it('declare no bytes field: no input can hold a binary value, so the validation pipe does not look for one (src/errors/validation.pipe.ts)', () => {
    const { protoPath, loader } = grpcOptions(loadConfig({})).options as { protoPath: string[]; loader: { includeDirs: string[] } };
    const definition = loadSync(protoPath, { includeDirs: loader.includeDirs });
    const messages = Object.entries(definition).filter(([, d]) => (d as MessageDescriptor).format?.startsWith('Protocol Buffer 3 DescriptorProto'));
    assert.ok(messages.length > 50, `only ${messages.length} messages found`);
    const bytesFields = messages.flatMap(([name, d]) => (d as MessageDescriptor).type.field.filter((f) => f.type === 'TYPE_BYTES').map((f) => `${name}.${f.name}`));
    assert.deepEqual(bytesFields, []);
  });
});
