import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { PublicRoute } from '../http/api-docs';
import { API_VERSION } from '../http/docs-page';

class ApiIndexDto {
  @ApiProperty({ example: 'FairOps API' }) name: string;
  @ApiProperty({ example: API_VERSION }) version: string;
  @ApiProperty({ example: '/docs', description: 'The docs page (Swagger UI)' }) docs: string;
  @ApiProperty({ example: '/docs-json', description: 'The OpenAPI document' }) openApi: string;
  @ApiProperty({ example: '/health/ready' }) health: string;
}

/** `GET /api/v1`: what this is and where to go next, for whoever opens the API's address first. */
@ApiTags('system')
@Controller()
export class ApiIndexController {
  @Get()
  @PublicRoute()
  @ApiOperation({ operationId: 'getApiIndex', summary: 'What this API is, and links to its docs and health' })
  @ApiOkResponse({ type: ApiIndexDto })
  index(): ApiIndexDto {
    return { name: 'FairOps API', version: API_VERSION, docs: '/docs', openApi: '/docs-json', health: '/health/ready' };
  }
}
