import { describe, expect, it } from 'vitest';
import { KOREA_BOUNDING_BOX } from './neighbourhood-rules';
import { regionCatalog } from './region-catalog';

const { regions } = regionCatalog;
const sido = regions.filter((region) => region.level === 'sido');
const sigungu = regions.filter((region) => region.level === 'sigungu');

describe('region list', () => {
  it('has the 17 시도 with 2-digit codes and current names', () => {
    expect(sido).toHaveLength(17);
    expect(sido.every((region) => /^[0-9]{2}$/.test(region.code) && region.parentCode === null)).toBe(true);
    expect(sido.map((region) => region.name)).toEqual(expect.arrayContaining(['강원특별자치도', '전북특별자치도', '세종특별자치시']));
    expect(sido.map((region) => region.code)).not.toEqual(expect.arrayContaining(['42']));
    expect(sido.map((region) => region.code)).not.toEqual(expect.arrayContaining(['45']));
  });

  it('has every 시군구 with a 5-digit code under an existing 시도, named after it', () => {
    expect(sigungu.length).toBe(252);
    const sidoByCode = new Map(sido.map((region) => [region.code, region]));
    for (const region of sigungu) {
      expect(region.code).toMatch(/^[0-9]{5}$/);
      expect(region.parentCode).toBe(region.code.slice(0, 2));
      const parent = sidoByCode.get(region.parentCode ?? '');
      expect(parent, region.code).toBeDefined();
      expect(region.name.startsWith(parent?.name ?? '?'), region.name).toBe(true);
      expect(region.name).not.toMatch(/^(강원도|전라북도) /);
    }
    expect(new Set(regions.map((region) => region.code)).size).toBe(regions.length);
    for (const code of sido.map((region) => region.code)) expect(sigungu.some((region) => region.parentCode === code), code).toBe(true);
  });

  it('knows the changes of 2023–2024: 군위 in 대구, 세종, 미추홀구, 부천의 세 구, 강원·전북 특별자치도', () => {
    expect(regionCatalog.get('11680')).toMatchObject({ name: '서울특별시 강남구', shortName: '강남구', parentCode: '11' });
    expect(regionCatalog.get('27720')?.name).toBe('대구광역시 군위군');
    expect(regionCatalog.get('47720')).toBeUndefined();
    expect(regionCatalog.get('36110')).toMatchObject({ name: '세종특별자치시', parentCode: '36' });
    expect(regionCatalog.get('28177')?.name).toBe('인천광역시 미추홀구');
    expect(['41192', '41194', '41196'].map((code) => regionCatalog.get(code)?.shortName)).toEqual(['부천시 원미구', '부천시 소사구', '부천시 오정구']);
    expect(regionCatalog.get('51110')?.name).toBe('강원특별자치도 춘천시');
    expect(regionCatalog.get('52111')?.name).toBe('전북특별자치도 전주시 완산구');
    expect(regions.filter((region) => /^4[25]/.test(region.code))).toEqual([]);
  });

  it('puts every centroid inside South Korea, and 강남구 where it is', () => {
    const box = KOREA_BOUNDING_BOX;
    for (const region of regions) {
      expect(region.lat >= box.minLat && region.lat <= box.maxLat && region.lng >= box.minLng && region.lng <= box.maxLng, region.code).toBe(true);
    }
    const gangnam = regionCatalog.get('11680');
    expect(gangnam?.lat).toBeCloseTo(37.4965, 2);
    expect(gangnam?.lng).toBeCloseTo(127.0633, 2);
  });

  it('finds 시군구 only by 5-digit code', () => {
    expect(regionCatalog.sigungu('11680')?.code).toBe('11680');
    expect(regionCatalog.sigungu('11')).toBeUndefined();
    expect(regionCatalog.sigungu('99999')).toBeUndefined();
  });
});
