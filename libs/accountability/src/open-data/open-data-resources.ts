// Other libs' tables in the open Data Package: a lib that accountability cannot import (evaluation,
// which imports accountability) provides OPEN_DATA_RESOURCE, and the descriptor lists its resource
// beside the agency figures, so one datapackage.json describes every open file.
import type { DataResourceView } from './dto/open-data.view';

export const OPEN_DATA_RESOURCE = Symbol('OPEN_DATA_RESOURCE');

export interface OpenDataResourceSource {
  /** The resource's descriptor, its path relative to datapackage.json. */
  resource(): DataResourceView;
}
