import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { plainToInstance } from 'class-transformer';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { getMetadataStorage } from 'class-validator';
import fc from 'fast-check';
import '../../src/app.module';
import { inputInstanceOf, inputInstances } from '../../src/errors/input-instance';
import { PlaceOrderDto } from '../../src/order/dto/place-order.dto';
import { threeLineWebOrder } from '../order/api/order-requests';

type Class = new () => object;

/** Every class the input validation pipe can be given: each has class-validator rules (the whole app is loaded above). */
function inputClasses(): Class[] {
  const byTarget = (getMetadataStorage() as unknown as { validationMetadatas: Map<unknown, unknown[]> }).validationMetadatas;
  return [...byTarget.keys()].filter((target): target is Class => typeof target === 'function' && target.prototype !== undefined);
}

function propertyNames(type: Class): string[] {
  const names = getMetadataStorage()
    .getTargetValidationMetadatas(type, '', true, false)
    .map((metadata) => metadata.propertyName);
  return [...new Set(names)];
}

/** The class a property's @Type names, when it names one. */
function nestedClass(type: Class, name: string): Class | undefined {
  const metadata = defaultMetadataStorage.findTypeMetadata(type, name);
  if (!metadata?.typeFunction) return undefined;
  const nested = metadata.typeFunction() as unknown;
  return typeof nested === 'function' && ![String, Number, Boolean, Date].includes(nested as never) ? (nested as Class) : undefined;
}

/** Values of every JSON kind, and the strings the DTOs' transforms turn into numbers or drop. */
const anyValue = fc.oneof(
  fc.constantFrom<unknown>(null, '', 'x', '12', '-3', '1.5', 0, 7, -1, 1.5, true, false, [], {}, [1, 'a'], { a: 1 }),
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.jsonValue({ maxDepth: 2 }),
);

/** Keys no class declares, the ones class-transformer leaves out among them. */
const strayKey = fc.constantFrom('extra', 'toString', 'hasOwnProperty', 'valueOf', '__proto__', 'constructor', 'x-y');

/** Input for `type`: any of its properties, each a value of any kind or (for a nested class) an object or a list of them, and stray keys. */
function inputFor(type: Class, depth = 0): fc.Arbitrary<Record<string, unknown>> {
  const fields = Object.fromEntries(
    propertyNames(type).map((name) => {
      const nested = depth < 3 ? nestedClass(type, name) : undefined;
      return [name, nested ? fc.oneof(inputFor(nested, depth + 1), fc.array(inputFor(nested, depth + 1), { maxLength: 3 }), anyValue) : anyValue];
    }),
  );
  return fc
    .tuple(fc.record(fields, { requiredKeys: [] }), fc.dictionary(strayKey, anyValue, { maxKeys: 2 }))
    .map(([known, stray]) => JSON.parse(JSON.stringify({ ...stray, ...known })) as Record<string, unknown>);
}

describe('request instances built from parsed input', () => {
  const classes = inputClasses();

  it('finds the classes the app validates', () => {
    assert.ok(classes.length > 50, `${classes.length} classes`);
    assert.ok(classes.includes(PlaceOrderDto));
  });

  it('are what class-transformer builds, for every class the app validates, or are left to it', () => {
    let built = 0;
    let left = 0;
    for (const type of classes) {
      fc.assert(
        fc.property(inputFor(type), (input) => {
          const expected = plainToInstance(type, structuredClone(input));
          const instance = inputInstanceOf(type, structuredClone(input));
          if (instance === undefined) left++;
          else {
            built++;
            assert.deepStrictEqual(instance, expected, `${type.name} from ${JSON.stringify(input)}`);
          }
          assert.deepStrictEqual(inputInstances.plainToInstance(type, structuredClone(input)), expected);
        }),
        { numRuns: 40 },
      );
    }
    // The copy, not the library, built most of them: agreeing meant something.
    assert.ok(built > 4 * left, `built ${built}, left to class-transformer ${left}`);
  });

  it('builds a new order as class-transformer does, nested classes and transformed amounts included', () => {
    const order = { ...threeLineWebOrder('o-1'), tenders: [{ kind: 'card', amountMinor: '100', reference: 'pi_1' }] };
    const instance = inputInstanceOf(PlaceOrderDto, order);
    assert.ok(instance instanceof PlaceOrderDto);
    assert.deepStrictEqual(instance, plainToInstance(PlaceOrderDto, order));
  });

  it('leaves options, non-plain objects and what is not a class to class-transformer', () => {
    const order = threeLineWebOrder('o-1');
    assert.equal(inputInstanceOf(PlaceOrderDto, order, { excludeExtraneousValues: true }), undefined);
    assert.equal(inputInstanceOf(PlaceOrderDto, { ...order, placedAt: new Date(0) }), undefined);
    assert.equal(inputInstanceOf(PlaceOrderDto, Object.assign(Object.create(null) as object, order)), undefined);
  });
});
