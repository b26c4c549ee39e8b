/**
 * The server's account rules (apps/api/src/modules/accounts/account-rules.ts), copied because
 * the web app may not import the API. Keep the two in step: the server stays the authority, this
 * copy only lets the form say what is wrong before a round trip.
 * Problems are i18n keys under `validation.` with their parameters, never sentences.
 */
export interface RuleProblem {
  key: string;
  params?: Record<string, number>;
}

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;
export const NICKNAME_MIN_LENGTH = 2;
export const NICKNAME_MAX_LENGTH = 20;

const graphemeCount = (text: string) => [...new Intl.Segmenter('ko', { granularity: 'grapheme' }).segment(text)].length;

/** Every password rule that fails, so the user sees all of them at once. */
export function passwordProblems(password: string): RuleProblem[] {
  const problems: RuleProblem[] = [];
  if (password.length < PASSWORD_MIN_LENGTH)
    problems.push({ key: 'password.tooShort', params: { min: PASSWORD_MIN_LENGTH } });
  if (password.length > PASSWORD_MAX_LENGTH)
    problems.push({ key: 'password.tooLong', params: { max: PASSWORD_MAX_LENGTH } });
  if (!/\p{L}/u.test(password)) problems.push({ key: 'password.needsLetter' });
  if (!/\p{Nd}/u.test(password)) problems.push({ key: 'password.needsDigit' });
  if (!/[^\p{L}\p{N}\s]/u.test(password)) problems.push({ key: 'password.needsSymbol' });
  return problems;
}

/** Trimmed and NFC-normalised, as the server stores it. */
export const normaliseNickname = (nickname: string) => nickname.normalize('NFC').trim();

const DELETED_USER_NICKNAME = '탈퇴한 사용자';

/** Checks a nickname after normaliseNickname. */
export function nicknameProblems(nickname: string): RuleProblem[] {
  const length = graphemeCount(nickname);
  if (length < NICKNAME_MIN_LENGTH || length > NICKNAME_MAX_LENGTH) {
    return [{ key: 'nickname.length', params: { min: NICKNAME_MIN_LENGTH, max: NICKNAME_MAX_LENGTH } }];
  }
  if (!/^[\p{L}\p{N}_.-]+$/u.test(nickname)) return [{ key: 'nickname.characters' }];
  if (nickname === DELETED_USER_NICKNAME.replace(/ /g, '') || /^탈퇴한/.test(nickname))
    return [{ key: 'nickname.reserved' }];
  return [];
}

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

/** Enough to catch typos; the server checks the format for real. */
export function emailProblems(email: string): RuleProblem[] {
  if (email.length === 0) return [{ key: 'email.required' }];
  if (email.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return [{ key: 'email.invalid' }];
  return [];
}

/** Korean phone numbers: mobile (010…) and area codes; the digits, or undefined when invalid. */
export function normalisePhone(phone: string): string | undefined {
  const digits = phone.replace(/[\s-]/g, '');
  return /^0(1[016789]\d{7,8}|[2-6]\d{7,9}|70\d{7,8})$/.test(digits) ? digits : undefined;
}

/** "01012345678" → "010-1234-5678", for showing a stored number. */
export function formatPhone(digits: string): string {
  if (digits.startsWith('02')) return digits.replace(/^(02)(\d{3,4})(\d{4})$/, '$1-$2-$3');
  return digits.replace(/^(\d{3})(\d{3,4})(\d{4})$/, '$1-$2-$3');
}
