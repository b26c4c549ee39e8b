import dayjs from 'dayjs';
import 'dayjs/locale/ko';
import relativeTime from 'dayjs/plugin/relativeTime';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.extend(relativeTime);

export type DisplayLanguage = 'ko' | 'en';

/** Dongne is a Korean service: times are shown as Korea sees them, wherever the browser is. */
export const SERVICE_TIME_ZONE = 'Asia/Seoul';

const krw = new Intl.NumberFormat('ko-KR', { style: 'currency', currency: 'KRW' });

/** Money is integer KRW everywhere: 15000 → "₩15,000". */
export const formatKrw = (amount: number): string => krw.format(amount);

const patterns: Record<DisplayLanguage, { date: string; dateTime: string }> = {
  ko: { date: 'YYYY년 M월 D일 (ddd)', dateTime: 'YYYY년 M월 D일 (ddd) A h:mm' },
  en: { date: 'ddd, MMM D, YYYY', dateTime: 'ddd, MMM D, YYYY h:mm A' },
};

type DateInput = string | number | Date;

const inServiceZone = (value: DateInput, language: DisplayLanguage) =>
  dayjs(value).tz(SERVICE_TIME_ZONE).locale(language);

/** "2025년 3월 5일 (수)" */
export const formatDate = (value: DateInput, language: DisplayLanguage = 'ko') =>
  inServiceZone(value, language).format(patterns[language].date);

/** "2025년 3월 5일 (수) 오후 2:30" */
export const formatDateTime = (value: DateInput, language: DisplayLanguage = 'ko') =>
  inServiceZone(value, language).format(patterns[language].dateTime);

/** "3분 전", "2일 후"; `now` is an argument so the same input always gives the same words. */
export const formatRelative = (value: DateInput, now: DateInput = Date.now(), language: DisplayLanguage = 'ko') =>
  dayjs(value).locale(language).from(dayjs(now));
