/**
 * Realistic Korean listing titles for the search bench: spaces, rentals, group orders and
 * courses, with places, adjectives, numbers and some English. Deterministic (seeded).
 */
const PLACES = [
  '강남역', '역삼역', '선릉역', '신논현', '논현동', '압구정', '청담동', '삼성역', '잠실', '송파',
  '망원동', '합정역', '홍대입구', '연남동', '상수동', '신촌', '이대', '마포', '공덕역', '여의도',
  '성수동', '건대입구', '왕십리', '뚝섬', '서울숲', '한남동', '이태원', '용산', '종로', '을지로',
  '광화문', '혜화', '대학로', '성신여대', '노원', '수유', '목동', '영등포', '신림', '사당역',
  '판교', '분당', '정자동', '수원', '인천', '부산 서면', '해운대', '대구 동성로', '광주', '대전',
  '제주', '일산', '김포', '하남', '미사', '위례', '동탄', '광교', '평촌', '산본',
];
const SPACE_KINDS = [
  '파티룸', '연습실', '스터디룸', '회의실', '공유오피스', '촬영 스튜디오', '댄스 연습실', '밴드 합주실',
  '보컬 연습실', '세미나실', '공유주방', '루프탑', '갤러리', '독서실', '카페 대관', '강의실', '녹음실', '요가 스튜디오',
];
const ITEMS = [
  '캠핑 의자', '캠핑 테이블', '텐트', '타프', '코펠', '버너', '빔프로젝터', '프로젝터 스크린', 'PS5', '닌텐도 스위치',
  'Nintendo Switch', '아이패드', 'iPad Pro', '맥북', 'MacBook Air', '카메라', '캐논 DSLR', '소니 미러리스', 'GoPro', '드론',
  '전동 드릴', '사다리', '유모차', '카시트', '아기 침대', '보드게임', '블루투스 스피커', '노트북', '모니터', '정장',
  '한복', '웨딩드레스', '자전거', '전기자전거', '킥보드', '스키 장비', '보드복', '등산 배낭', '아이스박스', '제습기',
];
const FOODS = [
  '치킨', '피자', '떡볶이', '마라탕', '족발', '보쌈', '햄버거', '초밥', '짜장면', '커피', '샐러드', '도시락', '삼겹살', '곱창', '찜닭',
];
const COURSES = [
  '파이썬 입문', '자바스크립트 기초', 'React 실전', 'TypeScript 완벽 가이드', '데이터 분석', '엑셀 실무', '포토샵 기초',
  '영상 편집', '프리미어 프로', '기타 레슨', '피아노 독학', '토익 900', '영어 회화', '일본어 첫걸음', 'SQL 첫걸음',
  '알고리즘 코딩테스트', '머신러닝', '주식 투자', '부동산 경매', '블로그 마케팅',
];
const ADJECTIVES = [
  '감성', '아늑한', '넓은', '깔끔한', '조용한', '저렴한', '신축', '프라이빗', '24시간', '주차가능', '역세권', '햇살 좋은',
  '새것 같은', '상태 좋은', '급처', '가성비', '고급', '대형', '소형', '방음 완벽', '뷰 맛집', '반려동물 가능',
];
const RENT_SUFFIX = ['대여', '빌려드려요', '대여합니다', '렌탈', '하루 대여', '주말 대여', '단기 대여', '대여 가능'];
const SPACE_SUFFIX = ['대관', '시간 대여', '예약', '1시간부터', '당일 예약 가능', '할인 중', '오픈 기념 할인', ''];
const GROUP_SUFFIX = ['같이 시켜요', '공동주문', '배달비 나눠요', '함께 주문해요', '반반 나눠요', '같이 먹어요'];
const COURSE_SUFFIX = ['강의', '온라인 강의', '완성', '클래스', '특강', '왕초보 과정', '4주 완성'];

/** mulberry32: small, fast, good enough for test data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function titleGenerator(seed = 20_260_101): () => string {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const maybe = (chance: number, text: () => string) => (random() < chance ? text() : '');
  const join = (...parts: string[]) => parts.filter(Boolean).join(' ');
  return () => {
    const kind = random();
    if (kind < 0.35) {
      return join(pick(PLACES), maybe(0.3, () => `${1 + Math.floor(random() * 10)}분`), maybe(0.6, () => pick(ADJECTIVES)), pick(SPACE_KINDS), pick(SPACE_SUFFIX), maybe(0.2, () => `최대 ${2 + Math.floor(random() * 30)}인`));
    }
    if (kind < 0.7) {
      return join(maybe(0.5, () => pick(PLACES)), maybe(0.5, () => pick(ADJECTIVES)), pick(ITEMS), maybe(0.3, () => `${1 + Math.floor(random() * 4)}개`), pick(RENT_SUFFIX), maybe(0.1, () => '(직거래)'));
    }
    if (kind < 0.85) {
      return join(pick(PLACES), pick(FOODS), pick(GROUP_SUFFIX), maybe(0.4, () => `${1 + Math.floor(random() * 5)}명 모집`), maybe(0.2, () => `${Math.floor(random() * 12) + 12}시`));
    }
    return join(maybe(0.3, () => `[${pick(['2025', '2026', 'NEW', '인기', 'BEST'])}]`), pick(COURSES), pick(COURSE_SUFFIX), maybe(0.2, () => `- ${pick(['현직자', '실무자', '전공자', 'Google 출신'])}가 알려주는`));
  };
}
