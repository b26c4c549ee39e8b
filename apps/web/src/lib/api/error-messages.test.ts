import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '../../i18n/en.json';
import ko from '../../i18n/ko.json';
import { ApiError } from './api-error';
import { describeError, fieldErrorsOf, fieldOfPath } from './error-messages';

const resources = { ko: { translation: ko }, en: { translation: en } };
const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({ resources, lng: 'ko', fallbackLng: 'ko', interpolation: { escapeValue: false } });
});

const problem = (status: number, code: string, errors?: { path: string; message: string }[]) =>
  new ApiError(status, code, {
    problem: { type: 't', title: 't', status, code, detail: '서버 문장', ...(errors ? { errors } : {}) },
  });

describe('describeError', () => {
  it('maps known codes to Korean sentences', () => {
    expect(describeError(problem(401, 'auth.invalid_credentials'), i18n)).toBe(
      '이메일 또는 비밀번호가 올바르지 않아요.',
    );
    expect(describeError(problem(409, 'account.email_taken'), i18n)).toBe('이미 가입된 이메일이에요.');
    expect(describeError(new ApiError(0, 'network.unreachable'), i18n)).toBe(
      '서버에 연결하지 못했어요. 인터넷 연결을 확인해 주세요.',
    );
  });

  it('maps the same codes to English when the language is English', async () => {
    const english = i18n.cloneInstance({ lng: 'en' });
    await english.changeLanguage('en');
    expect(describeError(problem(401, 'auth.invalid_credentials'), english)).toBe('Wrong email or password.');
  });

  it('falls back to the status, then to a generic sentence, never to the server detail', () => {
    expect(describeError(problem(429, 'something.new'), i18n)).toBe('요청이 너무 많아요. 잠시 후 다시 시도해 주세요.');
    expect(describeError(problem(503, 'service.unavailable'), i18n)).toBe(
      '서버에 일시적인 문제가 생겼어요. 잠시 후 다시 시도해 주세요.',
    );
    expect(describeError(problem(418, 'teapot'), i18n)).toBe('문제가 생겼어요. 잠시 후 다시 시도해 주세요.');
    expect(describeError(new Error('boom'), i18n)).toBe('문제가 생겼어요. 잠시 후 다시 시도해 주세요.');
  });

  it('has a Korean and an English sentence for every code', () => {
    const codes = (tree: object, prefix = ''): string[] =>
      Object.entries(tree).flatMap(([key, value]) =>
        typeof value === 'object' ? codes(value as object, `${prefix}${key}.`) : [`${prefix}${key}`],
      );
    expect(codes(resources.en.translation.errors.codes)).toEqual(codes(resources.ko.translation.errors.codes));
  });
});

describe('fieldErrorsOf', () => {
  it('puts each problem under its form field, in the current language', () => {
    const conflict = problem(409, 'account.nickname_taken', [
      { path: '/nickname', message: '이미 사용 중인 닉네임이에요.' },
    ]);
    expect(fieldErrorsOf(conflict, i18n)).toEqual({ nickname: '이미 사용 중인 닉네임이에요.' });
  });

  it('understands request validation paths (/body/<field>) and keeps the first message per field', () => {
    const invalid = problem(400, 'request.invalid', [
      { path: '/body/email', message: 'must match format "email"' },
      { path: '/body/email', message: 'again' },
      { path: '/body/password', message: 'must NOT have fewer than 1 characters' },
    ]);
    expect(fieldErrorsOf(invalid, i18n)).toEqual({
      email: '입력한 값을 확인해 주세요.',
      password: '입력한 값을 확인해 주세요.',
    });
  });

  it('reads field names from paths', () => {
    expect(fieldOfPath('/password')).toBe('password');
    expect(fieldOfPath('/body/newPassword')).toBe('newPassword');
    expect(fieldOfPath('/body')).toBeUndefined();
    expect(fieldErrorsOf(new Error('x'), i18n)).toEqual({});
  });
});
