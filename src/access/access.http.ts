import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { RequireKey } from './access-requirements';
import { CurrentPrincipal } from './current-principal';
import type { Principal } from './principal';

export class PresentedKeyView {
  @ApiProperty({ example: 'night-operator', description: 'The name the key was configured under' })
  name!: string;

  @ApiProperty({ example: ['audit:read', 'finance:read', 'ops:read'], description: 'The scopes it holds, sorted' })
  scopes!: string[];

  @ApiProperty({ example: false, description: 'true when no keys are configured: every caller is local-dev with every scope' })
  unrestricted!: boolean;
}

/** Who the presented key is: the operations console signs in with it and hides what the key may not do. */
@ApiTags('access')
@Controller('access')
export class AccessHttpController {
  // Any valid key may ask about itself: no scope is required, only authentication.
  @Get('key')
  @RequireKey()
  @ApiOperation({ summary: 'The presented API key: its name and scopes. Any valid key; 401 for none or an unknown one.' })
  @ApiOkResponse({ type: PresentedKeyView })
  @ApiUnauthorizedResponse({ description: 'UNAUTHENTICATED: no key, or not a configured one' })
  presentedKey(@CurrentPrincipal() principal: Principal): PresentedKeyView {
    return { name: principal.name, scopes: principal.configuredScopes, unrestricted: principal.unrestricted };
  }
}
