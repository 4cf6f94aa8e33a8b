import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';

/** The order format's company code rule, so every fact that posts names its legal entity the same way. */
export const COMPANY_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,15}$/;

/**
 * The legal entity that books the fact. Recorded in the event, not looked up from configuration
 * when posting, so a rebuild batches every entry exactly as it was batched live.
 */
export const IsCompanyCode = () =>
  applyDecorators(
    ApiProperty({ example: 'US01', description: 'The legal entity that books it: posting batches are per company code' }),
    IsString(),
    Matches(COMPANY_CODE, { message: '$property must be a company code of 1-16 letters and digits' }),
  );
