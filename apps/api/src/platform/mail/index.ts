export { Mailer, maskEmail, type MailMessage } from './mailer';
export { mailOutbox } from './mail.tables';
