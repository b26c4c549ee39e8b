import { describe, expect, it } from 'vitest';
import {
  emailProblems,
  formatPhone,
  nicknameProblems,
  normaliseEmail,
  normaliseNickname,
  normalisePhone,
  passwordProblems,
} from './account-rules';

const keys = (problems: { key: string }[]) => problems.map((problem) => problem.key);

describe('passwordProblems (mirrors the server)', () => {
  it('accepts 8+ characters with a letter, a digit and a symbol', () => {
    expect(passwordProblems('dongne123!')).toEqual([]);
    expect(passwordProblems('동네비밀번호1!')).toEqual([]);
  });

  it('lists every broken rule at once', () => {
    expect(keys(passwordProblems(''))).toEqual([
      'password.tooShort',
      'password.needsLetter',
      'password.needsDigit',
      'password.needsSymbol',
    ]);
    expect(passwordProblems('abc')[0]).toEqual({ key: 'password.tooShort', params: { min: 8 } });
    expect(keys(passwordProblems('abcdefgh'))).toEqual(['password.needsDigit', 'password.needsSymbol']);
    expect(keys(passwordProblems('12345678!'))).toEqual(['password.needsLetter']);
  });

  it('does not count spaces as symbols, and caps the length at 128', () => {
    expect(keys(passwordProblems('abcd 1234'))).toEqual(['password.needsSymbol']);
    expect(keys(passwordProblems(`a1!${'x'.repeat(126)}`))).toEqual(['password.tooLong']);
  });
});

describe('nicknameProblems (mirrors the server)', () => {
  it('accepts 2–20 letters, digits and _ . -', () => {
    expect(nicknameProblems('민준')).toEqual([]);
    expect(nicknameProblems('dong_ne.kr-1')).toEqual([]);
  });

  it('counts graphemes, not UTF-16 units', () => {
    expect(nicknameProblems('가'.repeat(20))).toEqual([]);
    expect(keys(nicknameProblems('가'.repeat(21)))).toEqual(['nickname.length']);
    expect(keys(nicknameProblems('a'))).toEqual(['nickname.length']);
  });

  it('refuses spaces, symbols and the deleted-user name', () => {
    expect(keys(nicknameProblems('민 준'))).toEqual(['nickname.characters']);
    expect(keys(nicknameProblems('민준!'))).toEqual(['nickname.characters']);
    expect(keys(nicknameProblems('탈퇴한사용자'))).toEqual(['nickname.reserved']);
    expect(keys(nicknameProblems('탈퇴한민준'))).toEqual(['nickname.reserved']);
  });

  it('normalises like the server: trimmed and NFC', () => {
    const decomposed = '\u1103\u1169\u11BC\u1102\u1166'; // 동네 typed as separate jamo
    expect(normaliseNickname(`  ${decomposed} `)).toBe('동네');
  });
});

describe('email and phone', () => {
  it('checks the e-mail shape and normalises case', () => {
    expect(emailProblems('minjun@dongne.dev')).toEqual([]);
    expect(keys(emailProblems(''))).toEqual(['email.required']);
    expect(keys(emailProblems('minjun@'))).toEqual(['email.invalid']);
    expect(normaliseEmail(' MinJun@Dongne.DEV ')).toBe('minjun@dongne.dev');
  });

  it('accepts Korean mobile and area-code numbers and formats them', () => {
    expect(normalisePhone('010-1234-5678')).toBe('01012345678');
    expect(normalisePhone('02 123 4567')).toBe('021234567');
    expect(normalisePhone('12345')).toBeUndefined();
    expect(formatPhone('01012345678')).toBe('010-1234-5678');
    expect(formatPhone('0212345678')).toBe('02-1234-5678');
  });
});
