import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiConflictResponse, ApiHeader, ApiUnprocessableEntityResponse } from '@nestjs/swagger';

export const IDEMPOTENT = 'ledgerbridge:idempotent';

/**
 * Marks a write (HTTP route or gRPC method) as honouring `Idempotency-Key` (gRPC metadata
 * `idempotency-key`): a retry with the same key and payload gets the first answer again.
 */
export const Idempotent = () =>
  applyDecorators(
    SetMetadata(IDEMPOTENT, true),
    ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retries with the same key and body get the first answer (kept at least 7 days).' }),
    ApiConflictResponse({ description: 'A request with this Idempotency-Key is still in flight.' }),
    ApiUnprocessableEntityResponse({ description: 'Business rule refusal, or this Idempotency-Key was used for a different request.' }),
  );
