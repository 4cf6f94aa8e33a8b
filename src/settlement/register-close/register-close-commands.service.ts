import { Inject, Injectable } from '@nestjs/common';
import { commandAnswer } from '../../edge/command-answer';
import type { CommandContext } from '../../edge/command-context';
import { EntityNotFoundError } from '../../errors/entity-not-found.error';
import { CommandDispatcher } from '../../runtime/command-dispatcher';
import { AggregateCommands, type CommandsOf } from '../../edge/aggregate-commands';
import type { CloseRegister } from './register-close.commands';
import type { CloseRegisterDto } from './dto/close-register.dto';
import { type CloseRegisterAnswer, registerCloseView, type RegisterCloseView } from './dto/register-close.view';
import { registerCloseAggregate, registerCloseId } from './register-close.aggregate';
import type { RegisterClosed } from './register-close.events';

type Register = { storeId: string; registerId: string };

/** What the HTTP routes and gRPC methods both call for register closes. */
@Injectable()
export class RegisterCloseCommands {
  private readonly closes: CommandsOf<typeof registerCloseAggregate>;

  constructor(@Inject(CommandDispatcher) dispatcher: CommandDispatcher) {
    this.closes = new AggregateCommands(dispatcher, registerCloseAggregate);
  }

  async close(register: Register, dto: CloseRegisterDto, context: CommandContext): Promise<CloseRegisterAnswer> {
    const { storeId, registerId } = register;
    const id = registerCloseId({ storeId, registerId, businessDate: dto.businessDate });
    const command: CloseRegister = {
      kind: 'CloseRegister',
      storeId,
      registerId,
      businessDate: dto.businessDate,
      companyCode: dto.companyCode,
      currency: dto.currency,
      tenders: dto.tenders.map(({ tender, expectedMinor, countedMinor }) => ({ tender, expectedMinor, countedMinor })),
      closedAt: dto.closedAt,
      ...(dto.closedBy !== undefined && { closedBy: dto.closedBy }),
    };
    const outcome = await this.closes.send(id, command, context);
    // A close always records RegisterClosed (a second close is refused), a repeat returns the first one.
    const closed = outcome.events[0].data as RegisterClosed['data'];
    return { ...commandAnswer(id, outcome), totals: { ...closed.totals } };
  }

  async view(day: Register & { businessDate: string }): Promise<RegisterCloseView> {
    const id = registerCloseId(day);
    const { state, revision } = await this.closes.current(id);
    if (revision === -1 || !state.closed) throw new EntityNotFoundError('register close', id);
    return registerCloseView(id, state.closed, revision);
  }
}
