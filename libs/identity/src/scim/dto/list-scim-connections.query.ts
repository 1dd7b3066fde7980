import { PageQuery } from '@chadavkhi/platform';

export class ListScimConnectionsQuery extends PageQuery {}
