/**
 * Kakao Local (https://developers.kakao.com/docs/latest/ko/local/dev-guide): address search and
 * coordinates → region, with `Authorization: KakaoAK <REST API key>`. Any transport error, timeout,
 * non-2xx answer or unexpected shape is a GeocoderFailure; "nothing found" is `undefined`.
 */
export interface GeocodedAddress {
  lat: number;
  lng: number;
  addressName: string;
  /** 10-digit 법정동 code, when Kakao resolved the address to a 지번 address. */
  bCode: string | undefined;
  /** 10-digit 행정동 code, likewise. */
  hCode: string | undefined;
}

export interface RegionAtPoint {
  bCode: string | undefined;
  hCode: string | undefined;
  addressName: string;
}

export interface Geocoder {
  searchAddress(query: string): Promise<GeocodedAddress | undefined>;
  regionAt(lat: number, lng: number): Promise<RegionAtPoint | undefined>;
}

export class GeocoderFailure extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'GeocoderFailure';
  }
}

export interface KakaoLocalOptions {
  baseUrl: string;
  apiKey: string;
  timeoutMs: number;
  fetch?: typeof fetch;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

function coordinate(value: unknown): number {
  const number = typeof value === 'string' ? Number(value) : Number.NaN;
  if (!Number.isFinite(number)) throw new GeocoderFailure(`Kakao Local sent a coordinate that is not a number: ${String(value)}`);
  return number;
}

export class KakaoLocalGeocoder implements Geocoder {
  private readonly fetch: typeof fetch;

  constructor(private readonly options: KakaoLocalOptions) {
    this.fetch = options.fetch ?? globalThis.fetch;
  }

  async searchAddress(query: string): Promise<GeocodedAddress | undefined> {
    const documents = await this.get('/v2/local/search/address.json', { query, size: '1' });
    const first = documents[0];
    if (!first) return undefined;
    const address = isObject(first.address) ? first.address : undefined;
    return {
      lat: coordinate(first.y),
      lng: coordinate(first.x),
      addressName: text(first.address_name) ?? text(address?.address_name) ?? query,
      bCode: text(address?.b_code),
      hCode: text(address?.h_code),
    };
  }

  async regionAt(lat: number, lng: number): Promise<RegionAtPoint | undefined> {
    const documents = await this.get('/v2/local/geo/coord2regioncode.json', { x: String(lng), y: String(lat) });
    const legal = documents.find((document) => document.region_type === 'B');
    const administrative = documents.find((document) => document.region_type === 'H');
    const named = legal ?? administrative;
    if (!named) return undefined;
    return { bCode: text(legal?.code), hCode: text(administrative?.code), addressName: text(named.address_name) ?? '' };
  }

  private async get(path: string, query: Record<string, string>): Promise<Json[]> {
    const url = new URL(path, `${this.options.baseUrl}/`);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    let response: Response;
    try {
      response = await this.fetch(url, {
        headers: { authorization: `KakaoAK ${this.options.apiKey}`, accept: 'application/json' },
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (error) {
      const timedOut = error instanceof Error && error.name === 'TimeoutError';
      throw new GeocoderFailure(timedOut ? `Kakao Local did not answer within ${this.options.timeoutMs} ms` : 'Kakao Local is unreachable', { cause: error });
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch (error) {
      throw new GeocoderFailure(`Kakao Local answered ${response.status} without JSON`, { cause: error });
    }
    if (!response.ok) {
      const message = isObject(body) ? text(body.message) ?? text(body.msg) : undefined;
      throw new GeocoderFailure(`Kakao Local answered ${response.status}${message ? `: ${message}` : ''}`);
    }
    if (!isObject(body) || !Array.isArray(body.documents)) throw new GeocoderFailure('Kakao Local answered without documents');
    return body.documents.filter(isObject);
  }
}
