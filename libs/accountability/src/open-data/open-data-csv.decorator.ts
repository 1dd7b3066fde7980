// What every open CSV file answers with: RFC 4180 text as a download, cacheable, readable from any
// site, and linked to the Data Package that describes it (RFC 8288 describedby). The agency figures,
// the course evaluations and the plans use it, so the files cannot drift apart.
import { applyDecorators, Header } from '@nestjs/common';
import { ApiOkResponse, ApiProduces } from '@nestjs/swagger';

export const DESCRIBED_BY = '</api/v1/open-data/datapackage.json>; rel="describedby"; type="application/json"';

export function OpenDataCsv(
  filename: string,
  description = 'The same rows as RFC 4180 CSV (UTF-8, CRLF, a header line), as datapackage.json describes them',
) {
  return applyDecorators(
    Header('content-type', 'text/csv; charset=utf-8; header=present'),
    Header('content-disposition', `attachment; filename="${filename}"`),
    Header('cache-control', 'public, max-age=600'),
    Header('access-control-allow-origin', '*'),
    Header('link', DESCRIBED_BY),
    ApiProduces('text/csv'),
    ApiOkResponse({ description, content: { 'text/csv': { schema: { type: 'string', format: 'binary' } } } }),
  );
}
