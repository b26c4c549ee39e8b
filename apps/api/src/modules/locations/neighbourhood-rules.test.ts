import { describe, expect, it } from 'vitest';
import { isInKorea, neighbourhoodCentre, pointProblems, sigunguCodeOf } from './neighbourhood-rules';

describe('pointProblems', () => {
  it('accepts no point, or a point in Korea (마라도, 독도, 백령도 included)', () => {
    expect(pointProblems({})).toEqual([]);
    expect(pointProblems({ lat: 37.5, lng: 127.03 })).toEqual([]);
    expect(pointProblems({ lat: 33.12, lng: 126.27 })).toEqual([]);
    expect(pointProblems({ lat: 37.24, lng: 131.87 })).toEqual([]);
    expect(pointProblems({ lat: 37.97, lng: 124.63 })).toEqual([]);
  });

  it('wants lat and lng together', () => {
    expect(pointProblems({ lat: 37.5 })).toEqual([{ path: '/lng', message: expect.any(String) }]);
    expect(pointProblems({ lng: 127 })).toEqual([{ path: '/lat', message: expect.any(String) }]);
  });

  it('refuses points outside South Korea, naming the field', () => {
    expect(pointProblems({ lat: 35.68, lng: 139.76 }).map((p) => p.path)).toEqual(['/lng']); // Tokyo
    expect(pointProblems({ lat: 39.03, lng: 125.75 }).map((p) => p.path)).toEqual(['/lat']); // Pyongyang
    expect(pointProblems({ lat: 0, lng: 0 }, '/querystring').map((p) => p.path)).toEqual(['/querystring/lat', '/querystring/lng']);
    expect(isInKorea(37.5, 127)).toBe(true);
    expect(isInKorea(31, 121.5)).toBe(false);
  });
});

describe('neighbourhoodCentre', () => {
  it("uses the given point, else the region's centroid", () => {
    expect(neighbourhoodCentre({ lat: 37.5, lng: 127.03 }, { lat: 1, lng: 2 })).toEqual({ lat: 37.5, lng: 127.03, pointSource: 'given' });
    expect(neighbourhoodCentre({}, { lat: 37.49, lng: 127.06 })).toEqual({ lat: 37.49, lng: 127.06, pointSource: 'region_centroid' });
  });
});

describe('sigunguCodeOf', () => {
  it('takes the first five digits of a 10-digit 법정동/행정동 code', () => {
    expect(sigunguCodeOf('1168010100')).toBe('11680');
    expect(sigunguCodeOf('4113510900')).toBe('41135');
    expect(sigunguCodeOf('')).toBeUndefined();
    expect(sigunguCodeOf(undefined)).toBeUndefined();
    expect(sigunguCodeOf('11680')).toBeUndefined();
  });
});
