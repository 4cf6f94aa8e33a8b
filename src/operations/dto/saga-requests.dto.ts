import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { IsEntityId } from '../../edge/field-rules';

/** gRPC sends unset fields as '' and 0; over both transports they mean "not given". */
const unsetIsAbsent = () => Transform(({ value }) => (value === '' || value === 0 ? undefined : value));
const toInt = () => Transform(({ value }) => (value === undefined || value === '' || value === 0 ? undefined : typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value));

export const SAGA_NAME = /^[a-z][a-z0-9-]{0,63}$/;
const IsSagaName = () => Matches(SAGA_NAME, { message: '$property must be a saga name such as fulfillment' });
const IsStateName = () => Matches(/^[a-z][a-z0-9-]{0,63}$/, { message: '$property must be a state such as parked, completed, active or a saga label like stuck' });

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
  @unsetIsAbsent()
  @IsOptional()
  @Matches(/^[A-Za-z0-9._:\-/]{1,128}$/, { message: '$property must be the `next` value of a previous page' })
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
