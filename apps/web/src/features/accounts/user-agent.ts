/** "Chrome · macOS" from a User-Agent header: enough to recognise one's own devices in a list. */
export function describeUserAgent(userAgent: string | null): string | undefined {
  if (!userAgent) return undefined;
  const browser = (
    [
      ['Edge', /Edg\//],
      ['Samsung Internet', /SamsungBrowser\//],
      ['Whale', /Whale\//],
      ['Opera', /OPR\//],
      ['Firefox', /Firefox\//],
      ['Chrome', /Chrome\/|Chromium\//],
      ['Safari', /Safari\//],
    ] as const
  ).find(([, pattern]) => pattern.test(userAgent))?.[0];
  const os = (
    [
      ['Android', /Android/],
      ['iOS', /iPhone|iPad|iPod/],
      ['Windows', /Windows/],
      ['macOS', /Mac OS X|Macintosh/],
      ['Linux', /Linux/],
    ] as const
  ).find(([, pattern]) => pattern.test(userAgent))?.[0];
  const parts = [browser, os].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : undefined;
}

export const isMobileUserAgent = (userAgent: string | null) =>
  !!userAgent && /Android|iPhone|iPad|iPod|Mobile/.test(userAgent);
