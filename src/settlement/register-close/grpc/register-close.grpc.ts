import { Controller, Inject } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { RequireScope } from '../../../access/access-requirements';
import { CommandContext } from '../../../edge/command-context';
import { Idempotent } from '../../../idempotency/idempotent.decorator';
import { GrpcCloseRegisterDto, RegisterDayDto } from '../dto/close-register.dto';
import { RegisterCloseCommands } from '../register-close-commands.service';

/** Register-close methods of `ledgerbridge.settlement.v1.Settlements`. */
@Controller()
export class RegisterCloseGrpcController {
  constructor(@Inject(RegisterCloseCommands) private readonly closes: RegisterCloseCommands) {}

  @GrpcMethod('Settlements', 'CloseRegister')
  @RequireScope('settlements:write')
  @Idempotent()
  close(@Payload() dto: GrpcCloseRegisterDto, @CommandContext() context: CommandContext) {
    const { storeId, registerId, ...count } = dto;
    return this.closes.close({ storeId, registerId }, count, context);
  }

  @GrpcMethod('Settlements', 'GetRegisterClose')
  @RequireScope('finance:read')
  read(@Payload() dto: RegisterDayDto) {
    return this.closes.view(dto);
  }
}
