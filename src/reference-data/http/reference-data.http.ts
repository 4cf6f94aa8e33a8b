import { Body, Controller, Get, Inject, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireScope } from '../../access/access-requirements';
import { CreatedAnswer, ExampleBody, OkAnswer } from '../../api-docs/documented';
import { CommandContext } from '../../edge/command-context';
import { Idempotent } from '../../idempotency/idempotent.decorator';
import { ImportReferenceDataDto, MappingsQuery } from '../dto/reference-data-requests.dto';
import { ReferenceDataCommands } from '../reference-data-commands.service';

export const IMPORT_EXAMPLE = {
  rows: [
    { kind: 'location', key: 'S001', effectiveFrom: '2026-11-01', companyCode: 'US01', costCenter: 'CC-S001', profitCenter: 'PC-EAST' },
    { kind: 'sku', key: 'TEE-RED-M', effectiveFrom: '2026-11-01', productGroup: 'apparel' },
    { kind: 'product-group', key: 'apparel', effectiveFrom: '2026-11-01', revenueRole: 'revenue.merchandise' },
  ],
};

@ApiTags('finance')
@Controller('reference-data')
export class ReferenceDataHttpController {
  constructor(@Inject(ReferenceDataCommands) private readonly referenceData: ReferenceDataCommands) {}

  /** One bad row applies nothing: 422 REFERENCE_DATA_INVALID lists every problem by row and field. */
  @Post('imports')
  @RequireScope('refdata:write')
  @Idempotent()
  @ApiOperation({ summary: 'Imports effective-dated mappings (JSON rows or a CSV file): all of them as the next version, or none.' })
  @ExampleBody(ImportReferenceDataDto, IMPORT_EXAMPLE)
  @CreatedAnswer('The version recorded and what it applied', { example: { version: 1, format: 'json', applied: 3, byKind: { location: 1, sku: 1, 'product-group': 1 } } })
  import(@Body() dto: ImportReferenceDataDto, @CommandContext() context: CommandContext) {
    return this.referenceData.import(dto, context);
  }

  @Get('mappings')
  @RequireScope('finance:read', 'refdata:write')
  @ApiOperation({ summary: 'The mappings recorded, each with its version; with asOf, those in force that day.' })
  @OkAnswer('The mappings', { example: { version: 1, mappings: [{ ...IMPORT_EXAMPLE.rows[0], version: 1 }] } })
  mappings(@Query() query: MappingsQuery) {
    return this.referenceData.mappings(query);
  }
}
