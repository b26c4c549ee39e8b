import type { NeighbourhoodBody } from '@dongne/contracts';
import type { Modules } from '../modules';

/** Korean demo accounts created on an empty database by `npm start` (SEED_DEMO=false skips). */
export const DEMO_PASSWORD = 'dongne123!';
export const demoUsers = [
  { email: 'minjun@dongne.dev', nickname: '민준', introduction: '역삼동에서 스터디룸을 운영해요.' },
  { email: 'seoyeon@dongne.dev', nickname: '서연', introduction: '캠핑 장비 빌려드려요. 깨끗하게 써 주세요!' },
  { email: 'jiho@dongne.dev', nickname: '지호', introduction: '점심 배달 같이 시켜요 🍱' },
  { email: 'haeun@dongne.dev', nickname: '하은', introduction: '프론트엔드 강의를 만들고 있어요.' },
] as const;

/**
 * Where the demo users live (index-aligned with demoUsers): 민준 near 역삼역 (강남구), 서연 near
 * 망원역 (마포구); 지호 (서초구) and 하은 (성남시 분당구) at their region's centroid.
 */
const demoNeighbourhoods: NeighbourhoodBody[] = [
  { regionCode: '11680', lat: 37.5007, lng: 127.0365, radiusKm: 3 },
  { regionCode: '11440', lat: 37.5561, lng: 126.9104, radiusKm: 3 },
  { regionCode: '11650', radiusKm: 6 },
  { regionCode: '41135', radiusKm: 6 },
];

/** The seeded accounts as the login page lists them in development. */
export const demoAccounts = [
  ...demoUsers.map((user, index) => ({ email: user.email, nickname: user.nickname, roles: index === 3 ? ['user', 'tutor'] : ['user'] })),
  { email: 'admin@dongne.dev', nickname: '동네관리자', roles: ['user', 'admin'] },
];

export async function seedDemoData(modules: Modules): Promise<boolean> {
  if ((await modules.accounts.accounts.countUsers()) > 0) return false;
  for (const [index, user] of demoUsers.entries()) {
    const created = await modules.accounts.accounts.createWithRoles(
      { email: user.email, password: DEMO_PASSWORD, nickname: user.nickname },
      index === 3 ? ['tutor'] : [],
    );
    await modules.accounts.accounts.updateProfile(created.id, { introduction: user.introduction });
    const neighbourhood = demoNeighbourhoods[index];
    if (neighbourhood) await modules.locations.locations.setNeighbourhood(created.id, neighbourhood);
  }
  await modules.accounts.accounts.createWithRoles({ email: 'admin@dongne.dev', password: DEMO_PASSWORD, nickname: '동네관리자' }, ['admin']);
  return true;
}
