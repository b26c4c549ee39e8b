import type { Neighbourhood, NeighbourhoodBody, Region } from '@dongne/contracts';
import type { Clock } from '../../platform/clock';
import type { Database, Executor } from '../../platform/db';
import { locationErrors } from './locations.errors';
import { toNeighbourhood } from './locations.mapper';
import { neighbourhoodsRepository } from './locations.repository';
import { neighbourhoodCentre, pointProblems } from './neighbourhood-rules';
import type { RegionCatalog } from './region-catalog';

/** The region list and users' neighbourhoods. */
export class LocationsService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    readonly regions: RegionCatalog,
  ) {}

  listRegions(): readonly Region[] {
    return this.regions.regions;
  }

  region(code: string): Region {
    const region = this.regions.get(code);
    if (!region) throw locationErrors.regionNotFound();
    return region;
  }

  /** A user's neighbourhood, or undefined when they have not set one (other modules use this). */
  async neighbourhoodOf(userId: string, ex: Executor = this.db): Promise<Neighbourhood | undefined> {
    const row = await neighbourhoodsRepository.find(ex, userId);
    return row && toNeighbourhood(row, this.regions.get(row.regionCode));
  }

  async myNeighbourhood(userId: string): Promise<Neighbourhood> {
    const neighbourhood = await this.neighbourhoodOf(userId);
    if (!neighbourhood) throw locationErrors.neighbourhoodNotSet();
    return neighbourhood;
  }

  async setNeighbourhood(userId: string, body: NeighbourhoodBody): Promise<Neighbourhood> {
    const region = this.regions.sigungu(body.regionCode);
    const problems = [
      ...(region ? [] : [{ path: '/regionCode', message: '없는 시군구 코드예요.' }]),
      ...pointProblems(body),
    ];
    if (!region || problems.length > 0) throw locationErrors.neighbourhoodInvalid(problems);
    const centre = neighbourhoodCentre(body, region);
    const row = await neighbourhoodsRepository.upsert(this.db, {
      userId,
      regionCode: region.code,
      lat: centre.lat,
      lng: centre.lng,
      radiusKm: body.radiusKm,
      pointSource: centre.pointSource,
      updatedAt: this.clock.now(),
    });
    return toNeighbourhood(row, region);
  }

  async clearNeighbourhood(userId: string): Promise<void> {
    await neighbourhoodsRepository.remove(this.db, userId);
  }

  /** Erase a user's neighbourhood (account deletion), inside the caller's transaction. */
  async forgetUser(ex: Executor, userId: string): Promise<void> {
    await neighbourhoodsRepository.remove(ex, userId);
  }
}
