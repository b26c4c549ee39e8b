import { describe, expect, it } from 'vitest';
import { EARTH_MEAN_RADIUS_KM, EARTHDISTANCE_RADIUS_KM, EARTHDISTANCE_SCALE, haversineKm } from './geo';

const seoulCityHall = { lat: 37.5665, lng: 126.978 };
const busanCityHall = { lat: 35.1796, lng: 129.0756 };

describe('haversineKm', () => {
  it('is zero for one point and symmetric', () => {
    expect(haversineKm(seoulCityHall, seoulCityHall)).toBe(0);
    expect(haversineKm(seoulCityHall, busanCityHall)).toBeCloseTo(haversineKm(busanCityHall, seoulCityHall), 9);
  });

  it('measures Seoul → Busan city halls at about 325 km', () => {
    expect(haversineKm(seoulCityHall, busanCityHall)).toBeCloseTo(325.0, 0);
  });

  it('makes one degree of latitude 111.2 km and one of longitude at 60° half of that', () => {
    const degree = (Math.PI / 180) * EARTH_MEAN_RADIUS_KM;
    expect(haversineKm({ lat: 37, lng: 127 }, { lat: 38, lng: 127 })).toBeCloseTo(degree, 6);
    expect(haversineKm({ lat: 60, lng: 10 }, { lat: 60, lng: 10.001 })).toBeCloseTo(degree * 0.001 * 0.5, 6);
  });

  it('handles antipodes and the date line', () => {
    expect(haversineKm({ lat: 0, lng: 0 }, { lat: 0, lng: 180 })).toBeCloseTo(Math.PI * EARTH_MEAN_RADIUS_KM, 6);
    expect(haversineKm({ lat: 0, lng: 179.5 }, { lat: 0, lng: -179.5 })).toBeCloseTo(haversineKm({ lat: 0, lng: 0 }, { lat: 0, lng: 1 }), 6);
  });

  it("scales with the sphere's radius: earthdistance's sphere is 0.11% larger", () => {
    const onMean = haversineKm(seoulCityHall, busanCityHall);
    const onEarthdistance = haversineKm(seoulCityHall, busanCityHall, EARTHDISTANCE_RADIUS_KM);
    expect(onEarthdistance / onMean).toBeCloseTo(EARTHDISTANCE_SCALE, 12);
    expect(EARTHDISTANCE_SCALE).toBeCloseTo(1.001124, 6);
  });
});
