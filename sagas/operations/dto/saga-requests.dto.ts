import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { ENTITY_ID, EmptyIsAbsent, IsEntityId } from '../../../src/edge/field-rules';

/** gRPC sends an unset number as 0; over both transports it means "not given". */
const toInt = () =>
  Transform(({ value }: { value: unknown }) =>
    value === undefined || value === '' || value === 0 ? undefined : typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value,
  );

/** Saga names and state labels alike: lower-case words joined by dashes. */
const NAME = /^[a-z][a-z0-9-]{0,63}$/;
const IsSagaName = () => Matches(NAME, { message: '$property must be a saga name such as fulfillment' });
const IsStateName = () => Matches(NAME, { message: '$property must be a state such as parked, completed, active or a saga label like stuck' });

export class SagaRef {
  @ApiProperty({ example: 'fulfillment' })
  @IsSagaName()
  saga!: string;
}

export class SagaInstanceRef extends SagaRef {
  @ApiProperty({ example: 'web-1001', description: 'Usually the order id' })
  @IsEntityId()
  instanceId!: string;
}

export class SagaInstancesQuery {
  @ApiProperty({ example: 'parked', description: 'parked, completed, active, or a label of the saga (awaiting-payment, stuck ...)' })
  @IsStateName()
  state!: string;

  @ApiPropertyOptional({ description: 'The `next` of the previous page' })
  @EmptyIsAbsent()
  @IsOptional()
  @Matches(ENTITY_ID, { message: '$property must be the `next` value of a previous page' })
  after?: string;

  @ApiPropertyOptional({ example: 50, minimum: 1, maximum: 500, default: 50 })
  @toInt()
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

/** The gRPC request: the path and query in one message. */
export class SagaInstancesRequest extends SagaInstancesQuery {
  @IsSagaName()
  saga!: string;
}
