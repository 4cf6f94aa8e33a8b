import { Controller, Inject } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { RequireScope } from '../../access/access-requirements';
import { CommandContext } from '../../edge/command-context';
import { Idempotent } from '../../idempotency/idempotent.decorator';
import { ImportReferenceDataDto, MappingsQuery } from '../dto/reference-data-requests.dto';
import { ReferenceDataCommands } from '../reference-data-commands.service';

/** `ledgerbridge.finance.v1.ReferenceData`: the twin of the /reference-data routes. */
@Controller()
export class ReferenceDataGrpcController {
  constructor(@Inject(ReferenceDataCommands) private readonly referenceData: ReferenceDataCommands) {}

  @GrpcMethod('ReferenceData', 'ImportReferenceData')
  @RequireScope('refdata:write')
  @Idempotent()
  import(@Payload() dto: ImportReferenceDataDto, @CommandContext() context: CommandContext) {
    return this.referenceData.import(dto, context);
  }

  @GrpcMethod('ReferenceData', 'ListMappings')
  @RequireScope('finance:read', 'refdata:write')
  mappings(@Payload() query: MappingsQuery) {
    return this.referenceData.mappings(query);
  }
}
