import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

export class ProjectionNameDto {
  @ApiProperty({ example: 'journal' })
  @Matches(/^[a-z][a-z0-9_]{0,63}$/, { message: 'name must be a projection name: lower-case letters, digits and _' })
  name!: string;
}
