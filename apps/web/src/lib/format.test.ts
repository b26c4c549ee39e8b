import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatKrw, formatRelative } from './format';

describe('formatKrw', () => {
  it('formats integer won with the won sign and thousands separators', () => {
    expect(formatKrw(15000)).toBe('₩15,000');
    expect(formatKrw(0)).toBe('₩0');
    expect(formatKrw(1234567)).toBe('₩1,234,567');
  });

  it('keeps the minus sign of refunds and never shows decimals', () => {
    expect(formatKrw(-3000)).toBe('-₩3,000');
    expect(formatKrw(999.6)).toBe('₩1,000');
  });
});

describe('formatDate / formatDateTime', () => {
  // 05:30 UTC is 14:30 in Seoul: the date and time are Korea's, whatever the machine's zone.
  const instant = '2025-03-05T05:30:00Z';

  it('writes Korean dates with the weekday', () => {
    expect(formatDate(instant)).toBe('2025년 3월 5일 (수)');
    expect(formatDateTime(instant)).toBe('2025년 3월 5일 (수) 오후 2:30');
  });

  it('uses the Seoul calendar day near midnight UTC', () => {
    expect(formatDate('2025-03-05T16:00:00Z')).toBe('2025년 3월 6일 (목)');
  });

  it('writes English dates when asked', () => {
    expect(formatDate(instant, 'en')).toBe('Wed, Mar 5, 2025');
    expect(formatDateTime(instant, 'en')).toBe('Wed, Mar 5, 2025 2:30 PM');
  });
});

describe('formatRelative', () => {
  const now = '2025-03-05T12:00:00Z';

  it('says how long ago in Korean', () => {
    expect(formatRelative('2025-03-05T11:57:00Z', now)).toBe('3분 전');
    expect(formatRelative('2025-03-03T12:00:00Z', now)).toBe('2일 전');
    expect(formatRelative('2025-03-05T15:00:00Z', now)).toBe('3시간 후');
  });

  it('says it in English too', () => {
    expect(formatRelative('2025-03-05T11:57:00Z', now, 'en')).toBe('3 minutes ago');
  });
});
