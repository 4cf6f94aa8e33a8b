import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiUnprocessableEntityResponse, ApiNotFoundResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { RequireScope } from '../access/access-requirements';
import { ExampleBody, OkAnswer } from '../api-docs/documented';
import { BUSINESS_ERROR, DISMISS, REPROCESSED } from './channel-examples';
import { CommandContext } from '../edge/command-context';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { BusinessErrorCommands, BusinessErrorReprocessing, type BusinessErrorView, MAX_LISTED_ERRORS } from './business-errors';
import type { ReprocessingOutcome } from './business-errors.commands';

export class BusinessErrorRef {
  @ApiProperty({ example: 'business-error-shopify-0c8e1a5b-0001' })
  @Matches(/^[A-Za-z0-9._:~-]{1,200}$/, { message: '$property must be the id of a business-error entry' })
  id!: string;
}

export class BusinessErrorsQuery {
  @ApiPropertyOptional({ enum: ['open', 'resolved', 'dismissed'] })
  @IsOptional()
  @IsIn(['open', 'resolved', 'dismissed'])
  status?: 'open' | 'resolved' | 'dismissed';

  @ApiPropertyOptional({ description: `Entries per page, 1-${MAX_LISTED_ERRORS}`, default: MAX_LISTED_ERRORS })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : value))
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1)
  @Max(MAX_LISTED_ERRORS)
  limit?: number;

  @ApiPropertyOptional({ description: "The previous page's `next`: entries whose first event is after this position", example: '1042' })
  @IsOptional()
  @Matches(/^\d{1,20}$/, { message: 'after must be a position (digits) from a previous page' })
  after?: string;
}

export class DismissBusinessErrorDto {
  @ApiProperty({ example: 'test order from the shop owner; nothing to post' })
  @IsString()
  @Matches(/\S/, { message: '$property must say why' })
  @MaxLength(500)
  reason!: string;
}

/** The business-error queue: channel payloads that were kept but not posted, why, and what operators did about them. */
@ApiTags('channels')
@Controller('channels/business-errors')
@RequireScope('ops:admin')
export class BusinessErrorsHttpController {
  constructor(
    @Inject(BusinessErrorCommands) private readonly entries: BusinessErrorCommands,
    @Inject(BusinessErrorReprocessing) private readonly reprocessing: BusinessErrorReprocessing,
  ) {}

  @Get()
  @RequireScope('ops:admin', 'ops:read')
  @ApiOperation({
    summary: 'Every entry, oldest first, with its state (open, resolved, dismissed) and why it is (or was) refused; ?status= keeps one state.',
    description: `A page of up to \`limit\` entries (${MAX_LISTED_ERRORS} at most); \`next\`, when present, is the \`after\` of the following page.`,
  })
  @OkAnswer('The entries', { example: { items: [BUSINESS_ERROR] } })
  async list(@Query() query: BusinessErrorsQuery): Promise<{ items: BusinessErrorView[]; next?: string }> {
    return this.entries.page({ status: query.status, limit: query.limit, after: query.after === undefined ? undefined : BigInt(query.after) });
  }

  @Get(':id')
  @RequireScope('ops:admin', 'ops:read')
  @ApiOperation({ summary: 'One entry: the payload kept by reference, why it was refused, what operators did.' })
  @ApiNotFoundResponse({ description: 'No such entry' })
  @OkAnswer('The entry', { example: BUSINESS_ERROR })
  get(@Param() path: BusinessErrorRef): Promise<BusinessErrorView> {
    return this.entries.get(path.id);
  }

  @Post(':id/reprocessing')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({
    summary: 'Runs the kept payload through the mediation again (after defining a promotion, say): resolved, or refused again with the reason now. Recorded on the entry.',
  })
  @ApiUnprocessableEntityResponse({ description: 'BUSINESS_ERROR_CLOSED: the entry is resolved or dismissed' })
  @OkAnswer('What the mediation gives now, and the entry after it', { example: REPROCESSED })
  reprocess(@Param() path: BusinessErrorRef, @CommandContext() context: CommandContext): Promise<{ outcome: ReprocessingOutcome; entry: BusinessErrorView }> {
    return this.reprocessing.reprocess(path.id, context, new Date().toISOString());
  }

  @Post(':id/dismissal')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({ summary: 'Closes the entry without posting anything, with the reason; recorded on the entry.' })
  @ApiUnprocessableEntityResponse({ description: 'BUSINESS_ERROR_CLOSED: the entry is resolved or dismissed' })
  @ExampleBody(DismissBusinessErrorDto, DISMISS)
  @OkAnswer('The entry, dismissed', { example: { ...BUSINESS_ERROR, status: 'dismissed', dismissal: { reason: DISMISS.reason, by: 'operator', at: '2026-11-28T09:00:00.000Z' } } })
  dismiss(@Param() path: BusinessErrorRef, @Body() body: DismissBusinessErrorDto, @CommandContext() context: CommandContext): Promise<BusinessErrorView> {
    return this.entries.dismiss(path.id, body.reason, context, new Date().toISOString());
  }
}
