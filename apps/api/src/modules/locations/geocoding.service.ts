import type { GeocodeResult } from '@dongne/contracts';
import { GeocoderFailure, type Geocoder } from './kakao-local';
import { locationErrors } from './locations.errors';
import { pointProblems, sigunguCodeOf } from './neighbourhood-rules';
import type { RegionCatalog } from './region-catalog';

/** Address ↔ coordinates through the configured geocoder (Kakao Local), or 503 when there is none. */
export class GeocodingService {
  constructor(
    private readonly geocoder: Geocoder | undefined,
    private readonly regions: RegionCatalog,
  ) {}

  get configured(): boolean {
    return this.geocoder !== undefined;
  }

  async geocode(query: string): Promise<GeocodeResult> {
    const geocoder = this.require();
    const found = await this.call(() => geocoder.searchAddress(query.trim()));
    if (!found) throw locationErrors.addressNotFound();
    let regionCode = sigunguCodeOf(found.bCode) ?? sigunguCodeOf(found.hCode);
    // A road-address-only or region-only match has no 법정동 code: ask which region the point is in.
    if (!regionCode) {
      const region = await this.call(() => geocoder.regionAt(found.lat, found.lng));
      regionCode = sigunguCodeOf(region?.bCode) ?? sigunguCodeOf(region?.hCode);
    }
    if (!regionCode) throw locationErrors.addressNotFound();
    return this.result(found.lat, found.lng, regionCode, found.addressName);
  }

  async reverse(lat: number, lng: number): Promise<GeocodeResult> {
    const problems = pointProblems({ lat, lng }, '/querystring');
    if (problems.length > 0) throw locationErrors.outsideKorea(problems);
    const geocoder = this.require();
    const region = await this.call(() => geocoder.regionAt(lat, lng));
    const regionCode = sigunguCodeOf(region?.bCode) ?? sigunguCodeOf(region?.hCode);
    if (!region || !regionCode) throw locationErrors.addressNotFound();
    return this.result(lat, lng, regionCode, region.addressName);
  }

  private result(lat: number, lng: number, regionCode: string, addressName: string): GeocodeResult {
    return { lat, lng, regionCode, regionKnown: this.regions.sigungu(regionCode) !== undefined, addressName };
  }

  private require(): Geocoder {
    if (!this.geocoder) throw locationErrors.geocoderNotConfigured();
    return this.geocoder;
  }

  private async call<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      if (error instanceof GeocoderFailure) throw locationErrors.geocoderUnavailable(error);
      throw error;
    }
  }
}
