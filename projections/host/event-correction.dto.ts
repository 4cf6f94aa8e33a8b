import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsObject, IsString, IsUUID, MaxLength } from 'class-validator';

/** POST /projections/:name/corrections: the data the read side takes for the event the projection is halted at. */
export class EventCorrectionDto {
  @ApiProperty({ description: 'The event the projection is halted at (GET /projections: `halt.eventId`)' })
  @IsUUID('all', { message: 'eventId must be the UUID of the halted event' })
  eventId!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: "The event's whole data as it should have been recorded; projections and audit rebuilds read this instead",
    example: { giftCardId: 'r5', soldAt: '2026-11-27T09:30:00+01:00' },
  })
  @IsObject({ message: 'data must be a JSON object: the whole corrected data of the event' })
  data!: Record<string, unknown>;

  @ApiProperty({ example: 'POS sent +25:00 for +01:00 (ticket OPS-1432)', description: 'Why, for auditors (1-500 characters)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}
