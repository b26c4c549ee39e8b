// The accounts feature's public door for app/ (pages compose these).
export { DeleteAccountSection } from './components/DeleteAccountSection';
export { EmailVerification } from './components/EmailVerification';
export { EmailVerificationSection } from './components/EmailVerificationSection';
export { LoginForm } from './components/LoginForm';
export { OAuthLinkForm } from './components/OAuthLinkForm';
export { PasswordChangeSection } from './components/PasswordChangeSection';
export { PasswordResetConfirmForm } from './components/PasswordResetConfirmForm';
export { PasswordResetRequestForm } from './components/PasswordResetRequestForm';
export { ProfileSection } from './components/ProfileSection';
export { SessionsSection } from './components/SessionsSection';
export { SignupForm } from './components/SignupForm';
export { SocialLoginButtons } from './components/SocialLoginButtons';
