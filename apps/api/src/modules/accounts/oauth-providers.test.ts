import { describe, expect, it } from 'vitest';
import { nicknameProblems } from './account-rules';
import {
  nicknameCandidate,
  nicknameFromProvider,
  parseGoogleProfile,
  parseKakaoProfile,
  parseNaverProfile,
  providerSpecs,
  safeReturnTo,
} from './oauth-providers';

describe('parseKakaoProfile', () => {
  const kakao = (account: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    id: 3141592653,
    kakao_account: { profile: { nickname: '동네 주민' }, ...account },
    ...extra,
  });

  it('reads id, nickname and an e-mail that is valid and verified', () => {
    expect(parseKakaoProfile(kakao({ email: 'Kim@Kakao.com', is_email_valid: true, is_email_verified: true }))).toEqual(
      {
        providerUserId: '3141592653',
        email: 'kim@kakao.com',
        emailVerified: true,
        nickname: '동네 주민',
      },
    );
  });

  it.each([
    [{ is_email_valid: true, is_email_verified: false }],
    [{ is_email_valid: false, is_email_verified: true }],
    [{ is_email_valid: 'true', is_email_verified: 'true' }],
    [{}],
  ])('does not call %j verified', (flags) => {
    expect(parseKakaoProfile(kakao({ email: 'kim@kakao.com', ...flags }))?.emailVerified).toBe(false);
  });

  it('works without an e-mail (the user declined the scope) and falls back to the legacy nickname', () => {
    expect(parseKakaoProfile({ id: 7, kakao_account: {}, properties: { nickname: '옛닉' } })).toEqual({
      providerUserId: '7',
      email: null,
      emailVerified: false,
      nickname: '옛닉',
    });
  });

  it.each([[null], ['text'], [{}], [{ id: 0 }], [{ id: 2 ** 60 }], [{ id: 1.5 }], [{ id: '' }]])(
    'refuses %j',
    (body) => {
      expect(parseKakaoProfile(body)).toBeUndefined();
    },
  );
});

describe('parseNaverProfile', () => {
  it('reads the profile and treats the e-mail as verified', () => {
    expect(
      parseNaverProfile({
        resultcode: '00',
        message: 'success',
        response: { id: 'abcDEF', email: 'lee@naver.com', nickname: '네이버이웃' },
      }),
    ).toEqual({
      providerUserId: 'abcDEF',
      email: 'lee@naver.com',
      emailVerified: true,
      nickname: '네이버이웃',
    });
  });

  it('refuses an error answer or a missing id', () => {
    expect(parseNaverProfile({ resultcode: '024', message: 'Authentication failed' })).toBeUndefined();
    expect(parseNaverProfile({ resultcode: '00', response: { email: 'x@naver.com' } })).toBeUndefined();
  });

  it('ignores an address that is not one', () => {
    expect(parseNaverProfile({ resultcode: '00', response: { id: 'n1', email: 'not an email' } })).toMatchObject({
      email: null,
      emailVerified: false,
    });
  });
});

describe('parseGoogleProfile', () => {
  it('reads sub, e-mail, email_verified and name', () => {
    expect(parseGoogleProfile({ sub: '1098', email: 'park@gmail.com', email_verified: true, name: 'Park Ji' })).toEqual(
      {
        providerUserId: '1098',
        email: 'park@gmail.com',
        emailVerified: true,
        nickname: 'Park Ji',
      },
    );
  });

  it('only a true email_verified counts', () => {
    expect(parseGoogleProfile({ sub: '1', email: 'a@b.co', email_verified: false })?.emailVerified).toBe(false);
    expect(parseGoogleProfile({ sub: '1', email: 'a@b.co' })?.emailVerified).toBe(false);
    expect(parseGoogleProfile({ sub: '1', email: 'a@b.co', email_verified: 'true' })?.emailVerified).toBe(true);
  });

  it('refuses a body without sub', () => {
    expect(parseGoogleProfile({ email: 'a@b.co', email_verified: true })).toBeUndefined();
  });
});

describe('providerSpecs', () => {
  it('uses PKCE and OpenID scopes for Google only', () => {
    expect(providerSpecs.google).toMatchObject({
      pkce: true,
      scopes: ['openid', 'email', 'profile'],
      clientAuth: 'basic',
    });
    expect(providerSpecs.kakao).toMatchObject({ pkce: false, clientAuth: 'post' });
    expect(providerSpecs.naver).toMatchObject({ pkce: false, clientAuth: 'post' });
  });
});

describe('nicknameFromProvider', () => {
  it.each([
    ['동네 주민', '동네_주민'],
    ['  Kim  Min-su!! ', 'Kim_Min-su'],
    ['😀이웃😀', '이웃'],
    ['가나다라마바사아자차카타파하가나다라마바사아자', '가나다라마바사아자차카타파하가나다라마바'],
  ])('%j → %j', (raw, expected) => {
    expect(nicknameFromProvider(raw, '카카오이웃')).toBe(expected);
  });

  it.each([[null], [''], ['a'], ['!!!'], ['탈퇴한사용자']])('falls back for %j', (raw) => {
    expect(nicknameFromProvider(raw, '구글이웃')).toBe('구글이웃');
  });

  it('always gives a valid nickname', () => {
    for (const raw of ['x', '   ', 'ab', '__a__', 'Ω≈ç√', 'a'.repeat(100), '\u1100\u1161']) {
      expect(nicknameProblems(nicknameFromProvider(raw, '네이버이웃'))).toEqual([]);
    }
  });
});

describe('nicknameCandidate', () => {
  it('keeps the base first, then appends digits and stays within 20 characters', () => {
    expect(nicknameCandidate('동네주민', 0)).toBe('동네주민');
    expect(nicknameCandidate('동네주민', 1, () => 0.1234)).toBe('동네주민1234');
    const long = '가나다라마바사아자차카타파하가나다라마바';
    const candidate = nicknameCandidate(long, 3, () => 0.5);
    expect([...candidate]).toHaveLength(20);
    expect(candidate.endsWith('500000')).toBe(true);
    expect(nicknameProblems(candidate)).toEqual([]);
  });
});

describe('safeReturnTo', () => {
  it.each([
    ['/spaces?date=2025-01-01', '/spaces?date=2025-01-01'],
    ['/me#tab', '/me'],
    ['/a/../b', '/b'],
  ])('keeps the same-site path %j', (value, expected) => {
    expect(safeReturnTo(value)).toBe(expected);
  });

  it.each([
    [undefined],
    [''],
    ['https://evil.example/'],
    ['//evil.example/x'],
    ['/\\evil.example'],
    ['/x\\y'],
    ['javascript:alert(1)'],
    ['/a\nb'],
    ['/a/..//evil.example'],
    ['/' + 'a'.repeat(600)],
  ])('turns %j into /', (value) => {
    expect(safeReturnTo(value)).toBe('/');
  });
});
