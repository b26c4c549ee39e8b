import { conflict, forbidden, notFound, rateLimited, unauthenticated, unprocessable, type FieldError } from '../../platform/errors';

export const accountErrors = {
  invalidCredentials: () => unauthenticated('auth.invalid_credentials', '이메일 또는 비밀번호가 올바르지 않아요.'),
  loginLocked: (seconds: number) =>
    rateLimited('auth.login_locked', '로그인 시도가 너무 많아요. 잠시 후 다시 시도해 주세요.', seconds),
  invalidRefresh: () => unauthenticated('auth.invalid_refresh_token', '로그인이 만료됐어요. 다시 로그인해 주세요.'),
  refreshReused: () =>
    unauthenticated('auth.refresh_token_reused', '보안을 위해 로그아웃됐어요. 다시 로그인해 주세요.'),
  weakPassword: (errors: FieldError[]) => unprocessable('account.password_weak', '비밀번호 규칙을 확인해 주세요.', errors),
  invalidNickname: (errors: FieldError[]) => unprocessable('account.nickname_invalid', '닉네임을 확인해 주세요.', errors),
  invalidPhone: () =>
    unprocessable('account.phone_invalid', '전화번호 형식이 올바르지 않아요.', [{ path: '/phone', message: '예: 010-1234-5678' }]),
  emailTaken: () =>
    conflict('account.email_taken', '이미 가입된 이메일이에요.', { errors: [{ path: '/email', message: '이미 가입된 이메일이에요.' }] }),
  nicknameTaken: () =>
    conflict('account.nickname_taken', '이미 사용 중인 닉네임이에요.', {
      errors: [{ path: '/nickname', message: '이미 사용 중인 닉네임이에요.' }],
    }),
  wrongPassword: () => forbidden('account.wrong_password', '비밀번호가 올바르지 않아요.'),
  passwordRequired: () => unprocessable('account.password_required', '비밀번호를 입력해 주세요.', [{ path: '/password', message: '비밀번호를 입력해 주세요.' }]),
  noPassword: () =>
    unprocessable('account.no_password', '비밀번호가 없는 계정이에요. 비밀번호 재설정으로 먼저 설정해 주세요.'),
  samePassword: () =>
    unprocessable('account.password_unchanged', '새 비밀번호가 지금 비밀번호와 같아요.', [
      { path: '/newPassword', message: '다른 비밀번호를 입력해 주세요.' },
    ]),
  tokenInvalid: (purpose: 'password_reset' | 'email_verification') =>
    unprocessable(`account.${purpose}_token_invalid`, '링크가 올바르지 않거나 이미 사용됐어요.'),
  tokenExpired: (purpose: 'password_reset' | 'email_verification') =>
    unprocessable(`account.${purpose}_token_expired`, '링크가 만료됐어요. 다시 요청해 주세요.'),
  alreadyVerified: () => conflict('account.email_already_verified', '이미 인증된 이메일이에요.'),
  noEmail: () => unprocessable('account.no_email', '이메일이 등록되지 않은 계정이에요.'),
  userNotFound: () => notFound('account.user_not_found', '사용자를 찾을 수 없어요.'),
  sessionNotFound: () => notFound('account.session_not_found', '세션을 찾을 수 없어요.'),
};

