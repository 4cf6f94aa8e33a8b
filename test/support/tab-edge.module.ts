import { Body, Controller, Get, Inject, Injectable, Module, Param, Post } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { Type } from 'class-transformer';
import { IsArray, IsInt, IsOptional, IsString, Length, MaxLength, Min, ValidateNested } from 'class-validator';
import { RequireChannelWrite, RequireScope } from '../../src/access/access-requirements';
import { AggregateCommands } from '../../src/edge/aggregate-commands';
import { CommandContext } from '../../src/edge/command-context';
import { EntityNotFoundError } from '../../src/errors/entity-not-found.error';
import { StreamNotFoundError, WrongExpectedRevisionError } from '../../src/event-store/event-store.errors';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port';
import { Idempotent } from '../../src/idempotency/idempotent.decorator';
import { ActorOverloadedError } from '../../src/runtime/actor-overloaded.error';
import { CommandDispatcher } from '../../src/runtime/command-dispatcher';
import { BusinessRuleRefusal } from '../../src/runtime/business-rule-refusal';
import { tabAggregate, type TabCommand, type TabEvent, type TabState } from './tab.aggregate';

export class NoteDto {
  @IsString()
  @MaxLength(10)
  text!: string;
}

export class AddItemDto {
  @IsString()
  channel!: string;

  @IsString()
  @Length(1, 32)
  sku!: string;

  @IsInt()
  @Min(0)
  amountMinor!: number;

  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => NoteDto)
  notes?: NoteDto[];
}

export class GrpcAddItemDto extends AddItemDto {
  @IsString()
  @Length(1, 64)
  tabId!: string;
}

/** Items with this SKU wait in the handler until `releaseHeld()`: a request kept in flight. */
export const HOLD_SKU = 'HOLD';
let held: Array<() => void> = [];
/** How many requests wait in the handler now. */
export function heldCount(): number {
  return held.length;
}

export function releaseHeld(): void {
  for (const release of held) release();
  held = [];
}

/** Each kind of failure a handler can raise, so one table checks their HTTP and gRPC answers. */
export function failWith(kind: string): never {
  switch (kind) {
    case 'refusal':
      throw new BusinessRuleRefusal('TAB_LIMIT', 'the tab is over its limit', { limitMinor: 1000 });
    case 'not-found':
      throw new EntityNotFoundError('tab', 'nope');
    case 'conflict':
      throw new WrongExpectedRevisionError('tab-x', 3, 4);
    case 'overloaded':
      throw new ActorOverloadedError('tab-x', 1500);
    default:
      throw new Error('secret internal detail at /srv/db password=hunter2');
  }
}

@Injectable()
export class TabCommands {
  private readonly tabs: AggregateCommands<TabCommand, TabEvent, TabState>;

  constructor(@Inject(CommandDispatcher) dispatcher: CommandDispatcher) {
    this.tabs = new AggregateCommands(dispatcher, tabAggregate);
  }

  async addItem(tabId: string, dto: AddItemDto, context: CommandContext) {
    if (dto.sku === HOLD_SKU) await new Promise<void>((resolve) => held.push(resolve));
    const outcome = await this.tabs.send(tabId, { kind: 'AddItem', sku: dto.sku, amountMinor: dto.amountMinor }, context, { channel: dto.channel });
    return { tabId, revision: outcome.revision, eventIds: outcome.events.map((e) => e.eventId) };
  }
}

@Controller('tabs')
export class TabHttpController {
  constructor(
    @Inject(TabCommands) private readonly tabs: TabCommands,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Post(':id/items')
  @RequireChannelWrite('body.channel')
  @Idempotent()
  addItem(@Param('id') id: string, @Body() dto: AddItemDto, @CommandContext() context: CommandContext) {
    return this.tabs.addItem(id, dto, context);
  }

  @Get(':id')
  @RequireScope('finance:read')
  async read(@Param('id') id: string) {
    try {
      return { events: (await this.store.readStream(`tab-${id}`)).map((e) => e.type) };
    } catch (error) {
      if (error instanceof StreamNotFoundError) throw new EntityNotFoundError('tab', id);
      throw error;
    }
  }

  @Post('fail/:kind')
  @RequireScope('ops:admin')
  @Idempotent()
  fail(@Param('kind') kind: string): never {
    failWith(kind);
  }
}

@Controller()
export class TabGrpcController {
  constructor(@Inject(TabCommands) private readonly tabs: TabCommands) {}

  @GrpcMethod('Tabs', 'AddItem')
  @RequireChannelWrite('body.channel')
  @Idempotent()
  addItem(@Payload() dto: GrpcAddItemDto, @CommandContext() context: CommandContext) {
    const { tabId, ...item } = dto;
    return this.tabs.addItem(tabId, item, context);
  }

  @GrpcMethod('Tabs', 'Fail')
  @RequireScope('ops:admin')
  fail(@Payload() request: { kind: string }): never {
    failWith(request.kind);
  }
}

@Module({ controllers: [TabHttpController, TabGrpcController], providers: [TabCommands] })
export class TabEdgeModule {}
