import type { Neighbourhood, RadiusKm, Region } from '@dongne/contracts';
import type { NeighbourhoodRow } from './locations.repository';

export function toNeighbourhood(row: NeighbourhoodRow, region: Region | undefined): Neighbourhood {
  return {
    regionCode: row.regionCode,
    // A code that left the region list (a 2026 reorganisation, say) still shows as its code.
    regionName: region?.name ?? row.regionCode,
    lat: row.lat,
    lng: row.lng,
    radiusKm: row.radiusKm as RadiusKm,
    pointSource: row.pointSource,
    updatedAt: row.updatedAt.toISOString(),
  };
}
