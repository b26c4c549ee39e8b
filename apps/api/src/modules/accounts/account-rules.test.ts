import { describe, expect, it } from 'vitest';
import { formatPhone, loginLockSeconds, maskIp, nicknameProblems, normalisePhone, passwordProblems } from './account-rules';

describe('passwordProblems', () => {
  it('accepts a password with a letter, a digit and a symbol, 8+ long', () => {
    expect(passwordProblems('abcd123!')).toEqual([]);
    expect(passwordProblems('동네에서살아요12#')).toEqual([]);
  });
  it('reports every failing rule at once', () => {
    expect(passwordProblems('')).toHaveLength(4);
    expect(passwordProblems('abcdefgh')).toHaveLength(2);
    expect(passwordProblems('a'.repeat(127) + '1!')).toHaveLength(1);
  });
});

describe('nicknameProblems', () => {
  it.each(['동네', 'neighbour_01', '가나다라마바사아자차카타파하가나다라마바사'.slice(0, 20), 'a.b-c'])('accepts %s', (nickname) => {
    expect(nicknameProblems(nickname)).toEqual([]);
  });
  it.each(['a', 'has space', '<script>', '탈퇴한사용자', '가'.repeat(21), '👍'])('refuses %s', (nickname) => {
    expect(nicknameProblems(nickname)).not.toEqual([]);
  });
});

describe('phones', () => {
  it.each([
    ['010-1234-5678', '01012345678', '010-1234-5678'],
    ['02 123 4567', '021234567', '02-123-4567'],
    ['031-123-4567', '0311234567', '031-123-4567'],
  ])('%s', (input, digits, formatted) => {
    expect(normalisePhone(input)).toBe(digits);
    expect(formatPhone(digits)).toBe(formatted);
  });
  it.each(['12345', '010-12-34', '+1 555 1234', ''])('refuses %s', (input) => {
    expect(normalisePhone(input)).toBeUndefined();
  });
});

describe('loginLockSeconds', () => {
  it('doubles from the threshold and caps at an hour', () => {
    expect([4, 5, 6, 7, 20].map((n) => loginLockSeconds(n, 5))).toEqual([0, 30, 60, 120, 3600]);
  });
});

describe('maskIp', () => {
  it('keeps the network, hides the host', () => {
    expect(maskIp('203.0.113.77')).toBe('203.0.*.*');
    expect(maskIp('::ffff:10.1.2.3')).toBe('10.1.*.*');
    expect(maskIp('2001:db8:1:2::5')).toBe('2001:db8:1:*');
    expect(maskIp(null)).toBeNull();
  });
});
