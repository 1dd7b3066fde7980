import { Controller, Get, Query, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiOperation,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AuthUser, CurrentUser } from '@chadavkhi/identity';
import { Public } from '@chadavkhi/platform';
import { SearchResult } from './dto/search-result.view';
import { SearchQuery } from './dto/search.query';
import { KnowledgeSearchService } from './search.service';

@ApiTags('knowledge')
@ApiBearerAuth()
@Controller('knowledge/search')
export class SearchController {
  constructor(private readonly search: KnowledgeSearchService) {}

  @ApiOperation({ summary: 'Search documents and courses' })
  @Get()
  @Public()
  @ApiOkResponse({
    type: SearchResult,
    description:
      'Documents and courses you may see, with highlighted snippets (HTML-safe); `total` is exact up to 10,000; each facet lists its 20 most frequent values',
  })
  @ApiServiceUnavailableResponse({ description: 'Meilisearch is unreachable' })
  @ApiTooManyRequestsResponse({
    description:
      'Too many searches from this address this minute without signing in (KNOWLEDGE_ANONYMOUS_SEARCHES_PER_MINUTE); see Retry-After',
  })
  run(@CurrentUser() caller: AuthUser | undefined, @Query() query: SearchQuery, @Req() request: FastifyRequest) {
    return this.search.search(caller ?? null, query, request.ip);
  }
}
