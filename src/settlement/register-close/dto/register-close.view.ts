import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CommandAnswer } from '../../../edge/command-answer';
import type { RegisterClosed } from '../register-close.events';

export class OverShortTotals {
  @ApiProperty() expectedMinor!: number;
  @ApiProperty() countedMinor!: number;
  @ApiProperty({ description: 'counted - expected: positive over, negative short' }) overShortMinor!: number;
}

export class TenderOverShortView extends OverShortTotals {
  @ApiProperty() tender!: string;
}

/** The answer to a close: the usual write answer plus the day's over/short. */
export class CloseRegisterAnswer extends CommandAnswer {
  @ApiProperty({ type: OverShortTotals }) totals!: OverShortTotals;
}

export class RegisterCloseView {
  @ApiProperty({ description: 'storeId/registerId/businessDate, each part URI-encoded' }) id!: string;
  @ApiProperty() revision!: number;
  @ApiProperty() storeId!: string;
  @ApiProperty() registerId!: string;
  @ApiProperty() businessDate!: string;
  @ApiProperty() companyCode!: string;
  @ApiProperty() currency!: string;
  @ApiProperty({ type: [TenderOverShortView] }) tenders!: TenderOverShortView[];
  @ApiProperty({ type: OverShortTotals }) totals!: OverShortTotals;
  @ApiProperty() closedAt!: string;
  @ApiPropertyOptional() closedBy?: string;
}

export function registerCloseView(id: string, closed: RegisterClosed['data'], revision: number): RegisterCloseView {
  return { id, revision, ...closed, tenders: closed.tenders.map((t) => ({ ...t })), totals: { ...closed.totals } };
}
