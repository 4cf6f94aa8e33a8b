import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { plainToInstance } from 'class-transformer';
import { validate, type ValidatorOptions } from 'class-validator';
import fc from 'fast-check';
import { passesEveryRule } from '../../src/errors/valid-input-check';
import { cacheValidationMetadata } from '../../src/errors/validation-metadata-cache';
import { CapturePaymentRequest } from '../../src/order/dto/order-requests.dto';
import { InventoryMovementDto } from '../../src/order/dto/order-actions.dto';
import { PlaceOrderDto } from '../../src/order/dto/place-order.dto';
import { threeLineWebOrder } from '../order/api/order-requests';

/** As inputValidationPipe validates (Nest adds nothing that changes which input passes). */
const PIPE_OPTIONS: ValidatorOptions = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true, validationError: { target: false, value: false } };

type Json = Record<string, unknown> | unknown[];

/** Values that break (or keep) one rule or another: types, bounds, nulls, lists where objects go and back. */
const oddValue = fc.oneof(
  fc.constantFrom<unknown>(
    null,
    '',
    ' ',
    'x',
    'L1',
    '8%',
    'USD',
    'usd',
    'ship',
    'pickup',
    'vendor',
    'card',
    '2026-11-27T10:00:00Z',
    '12',
    -1,
    0,
    1,
    1.5,
    10 ** 13,
    true,
    [],
    {},
    [{}],
    [1],
    { type: 'ship' },
  ),
  fc.string({ maxLength: 140 }),
  fc.integer(),
  fc.jsonValue({ maxDepth: 2 }),
);

/** One change somewhere in the input: a value replaced, a key removed, an unknown key added, an item dropped. */
function mutate(input: Json, paths: string[][], [pick, kind, value, key]: [number, number, unknown, string]): Json {
  const copy = structuredClone(input);
  const path = paths[pick % paths.length];
  let holder: Record<string, unknown> = copy as Record<string, unknown>;
  for (const step of path.slice(0, -1)) holder = holder[step] as Record<string, unknown>;
  const last = path[path.length - 1];
  if (kind === 0) holder[last] = value;
  else if (kind === 1) delete holder[last];
  else if (kind === 2 && typeof holder[last] === 'object' && holder[last] !== null && !Array.isArray(holder[last])) (holder[last] as Record<string, unknown>)[key] = value;
  else if (Array.isArray(holder[last])) (holder[last] as unknown[]).splice(0, 1);
  else holder[key] = value;
  return copy;
}

/** Every path to a value in `input`. */
function pathsOf(input: unknown, prefix: string[] = []): string[][] {
  if (typeof input !== 'object' || input === null) return [];
  return Object.entries(input).flatMap(([key, child]) => [[...prefix, key], ...pathsOf(child, [...prefix, key])]);
}

async function classValidatorPasses(type: new () => object, input: unknown): Promise<boolean> {
  const errors = await validate(plainToInstance<object, unknown>(type, input), PIPE_OPTIONS);
  return errors.length === 0;
}

const SHAPES: Array<{ name: string; type: new () => object; valid: Json }> = [
  { name: 'a 3-line web order', type: PlaceOrderDto, valid: { ...threeLineWebOrder('o-1'), tenders: [{ kind: 'card', amountMinor: 100, reference: 'pi_1' }] } },
  { name: 'a capture over gRPC', type: CapturePaymentRequest, valid: { orderId: 'o-1', captureId: 'cap-1', amountMinor: '10519', currency: 'USD', at: '2026-11-27T10:00:00Z' } },
  { name: 'an inventory movement', type: InventoryMovementDto, valid: { locationId: 'dc-east', lines: [{ lineId: 'L1', quantity: 2 }], at: '2026-11-27T10:00:00Z' } },
];

describe('the check that valid input passes every rule', () => {
  cacheValidationMetadata();

  for (const { name, type, valid } of SHAPES) {
    it(`agrees with class-validator on ${name} and on input one change away from it`, async () => {
      assert.equal(passesEveryRule(plainToInstance<object, unknown>(type, valid), PIPE_OPTIONS), true);
      const paths = pathsOf(valid);
      let passed = 0;
      let refused = 0;
      await fc.assert(
        fc.asyncProperty(fc.tuple(fc.nat(), fc.nat({ max: 3 }), oddValue, fc.constantFrom('extra', 'lineId', 'type', 'constructor', 'toString')), async (change) => {
          const input = mutate(valid, paths, change);
          const expected = await classValidatorPasses(type, input);
          assert.equal(passesEveryRule(plainToInstance<object, unknown>(type, input), PIPE_OPTIONS), expected, JSON.stringify(input));
          if (expected) passed++;
          else refused++;
        }),
        { numRuns: 400 },
      );
      // Both answers were exercised, so agreeing meant something.
      assert.ok(passed > 10 && refused > 10, `passed ${passed}, refused ${refused}`);
    });
  }

  it('leaves other validator options to class-validator', () => {
    const order = plainToInstance(PlaceOrderDto, threeLineWebOrder('o-1'));
    assert.equal(passesEveryRule(order, { ...PIPE_OPTIONS, forbidNonWhitelisted: false }), false);
    assert.equal(passesEveryRule(order, { ...PIPE_OPTIONS, groups: ['x'] }), false);
    assert.equal(passesEveryRule(order, undefined), false);
  });
});
