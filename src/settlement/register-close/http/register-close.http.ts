import { Body, Controller, Get, Inject, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireScope } from '../../../access/access-requirements';
import { CommandContext } from '../../../edge/command-context';
import { CalendarDateParam, EntityIdParam } from '../../../edge/path-params';
import { Idempotent } from '../../../idempotency/idempotent.decorator';
import { ExampleBody } from '../../../api-docs/documented';
import { CLOSE_REGISTER, CLOSED, REGISTER_CLOSE_VIEW } from './register-close-examples';
import { CloseRegisterDto } from '../dto/close-register.dto';
import { CloseRegisterAnswer, RegisterCloseView } from '../dto/register-close.view';
import { RegisterCloseCommands } from '../register-close-commands.service';

/**
 * Closes need `settlements:write`, not a channel scope: the count is cash the store hands to
 * the bank, reported by the store's back office for every register, whatever channel sold.
 */
@ApiTags('register closes')
@Controller('registers/:storeId/:registerId/closes')
export class RegisterCloseHttpController {
  constructor(@Inject(RegisterCloseCommands) private readonly closes: RegisterCloseCommands) {}

  @Post()
  @RequireScope('settlements:write')
  @Idempotent()
  @ApiOperation({ summary: "Close a register's business day: cash and other tenders counted against expected; the answer gives the over/short." })
  @ExampleBody(CloseRegisterDto, CLOSE_REGISTER, 'README: 2.50 short')
  @ApiCreatedResponse({ description: 'Recorded, with the totals: expected, counted and over/short (counted less expected)', type: CloseRegisterAnswer, example: CLOSED })
  close(
    @Param('storeId', EntityIdParam) storeId: string,
    @Param('registerId', EntityIdParam) registerId: string,
    @Body() dto: CloseRegisterDto,
    @CommandContext() context: CommandContext,
  ) {
    return this.closes.close({ storeId, registerId }, dto, context);
  }

  @Get(':businessDate')
  @RequireScope('finance:read')
  @ApiOperation({ summary: "A register's close of one business day, per tender and in total." })
  @ApiOkResponse({ description: 'The close', type: RegisterCloseView, example: REGISTER_CLOSE_VIEW })
  read(@Param('storeId', EntityIdParam) storeId: string, @Param('registerId', EntityIdParam) registerId: string, @Param('businessDate', CalendarDateParam) businessDate: string) {
    return this.closes.view({ storeId, registerId, businessDate });
  }
}
