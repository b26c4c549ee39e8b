import type { FieldError } from '../../platform/errors';

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;
export const NICKNAME_MIN_LENGTH = 2;
export const NICKNAME_MAX_LENGTH = 20;

const graphemeCount = (text: string) => [...new Intl.Segmenter('ko', { granularity: 'grapheme' }).segment(text)].length;

/** Every password rule that fails, so the user sees all of them at once. */
export function passwordProblems(password: string, path = '/password'): FieldError[] {
  const problems: FieldError[] = [];
  if (password.length < PASSWORD_MIN_LENGTH) problems.push({ path, message: `비밀번호는 ${PASSWORD_MIN_LENGTH}자 이상이어야 해요.` });
  if (password.length > PASSWORD_MAX_LENGTH) problems.push({ path, message: `비밀번호는 ${PASSWORD_MAX_LENGTH}자 이하여야 해요.` });
  if (!/\p{L}/u.test(password)) problems.push({ path, message: '비밀번호에 문자를 하나 이상 넣어 주세요.' });
  if (!/\p{Nd}/u.test(password)) problems.push({ path, message: '비밀번호에 숫자를 하나 이상 넣어 주세요.' });
  if (!/[^\p{L}\p{N}\s]/u.test(password)) problems.push({ path, message: '비밀번호에 기호를 하나 이상 넣어 주세요.' });
  return problems;
}

/** Trimmed and NFC-normalised, so "동네" typed on any keyboard is one nickname. */
export const normaliseNickname = (nickname: string) => nickname.normalize('NFC').trim();

export function nicknameProblems(nickname: string, path = '/nickname'): FieldError[] {
  const length = graphemeCount(nickname);
  if (length < NICKNAME_MIN_LENGTH || length > NICKNAME_MAX_LENGTH) {
    return [{ path, message: `닉네임은 ${NICKNAME_MIN_LENGTH}~${NICKNAME_MAX_LENGTH}자여야 해요.` }];
  }
  if (!/^[\p{L}\p{N}_.-]+$/u.test(nickname)) {
    return [{ path, message: '닉네임에는 문자, 숫자, 그리고 _ . - 만 쓸 수 있어요.' }];
  }
  if (nickname === DELETED_USER_NICKNAME.replace(/ /g, '') || /^탈퇴한/.test(nickname)) {
    return [{ path, message: '사용할 수 없는 닉네임이에요.' }];
  }
  return [];
}

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

/** Korean phone numbers: mobile (010…) and area codes; stored as digits. */
export function normalisePhone(phone: string): string | undefined {
  const digits = phone.replace(/[\s-]/g, '');
  return /^0(1[016789]\d{7,8}|[2-6]\d{7,9}|70\d{7,8})$/.test(digits) ? digits : undefined;
}

export function formatPhone(digits: string): string {
  if (digits.startsWith('02')) return digits.replace(/^(02)(\d{3,4})(\d{4})$/, '$1-$2-$3');
  return digits.replace(/^(\d{3})(\d{3,4})(\d{4})$/, '$1-$2-$3');
}

export const DELETED_USER_NICKNAME = '탈퇴한 사용자';

/**
 * Per-account back-off after repeated wrong passwords: from the threshold on, each further
 * failure doubles the lock (30 s, 1 min, 2 min, ...) up to an hour.
 */
export function loginLockSeconds(failedCount: number, threshold: number): number {
  if (failedCount < threshold) return 0;
  return Math.min(3600, 30 * 2 ** (failedCount - threshold));
}

/** Mask an IP for the sessions list: enough to recognise a network, not to locate a person. */
export function maskIp(ip: string | null): string | null {
  if (!ip) return null;
  const v4 = ip.replace(/^::ffff:/, '');
  if (/^\d+\.\d+\.\d+\.\d+$/.test(v4)) return v4.replace(/\.\d+\.\d+$/, '.*.*');
  return ip.split(':').slice(0, 3).join(':') + ':*';
}
