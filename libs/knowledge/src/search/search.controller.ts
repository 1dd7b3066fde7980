import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser } from '@chadavkhi/identity';
import { Public } from '@chadavkhi/platform';
import { SearchQuery } from './dto/search.query';
import { KnowledgeSearchService } from './search.service';

@ApiTags('knowledge')
@ApiBearerAuth()
@Controller('knowledge/search')
export class SearchController {
  constructor(private readonly search: KnowledgeSearchService) {}

  @Get()
  @Public()
  @ApiOkResponse({ description: '`{ items, total, page, limit, facets }`: documents and courses you may see, with highlighted snippets (HTML-safe); `total` is exact up to 10,000; each facet lists its 20 most frequent values' })
  @ApiServiceUnavailableResponse({ description: 'Meilisearch is unreachable' })
  run(@CurrentUser() caller: AuthUser | undefined, @Query() query: SearchQuery) {
    return this.search.search(caller ?? null, query);
  }
}
