import type { Region } from '@dongne/contracts';
import { createHash } from 'node:crypto';
import data from './region-data/regions.json' with { type: 'json' };

/**
 * Every 시도 and 시군구 (region-data/README.md says where they come from). The list is fixed for
 * the life of the process, so its ETag is computed once.
 */
export class RegionCatalog {
  private readonly byCode: ReadonlyMap<string, Region>;
  readonly etag: string;

  constructor(readonly regions: readonly Region[]) {
    this.byCode = new Map(regions.map((region) => [region.code, region]));
    this.etag = `"${createHash('sha256').update(JSON.stringify(regions)).digest('base64url').slice(0, 27)}"`;
  }

  get(code: string): Region | undefined {
    return this.byCode.get(code);
  }

  /** A 시군구 (5-digit code) in the list. */
  sigungu(code: string): Region | undefined {
    const region = this.byCode.get(code);
    return region?.level === 'sigungu' ? region : undefined;
  }
}

export const regionCatalog = new RegionCatalog(data.regions as Region[]);
