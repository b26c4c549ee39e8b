/**
 * Where to go after logging in. Only same-site paths are honoured ("/account?tab=1"); anything
 * that could leave the site ("//evil.example", "https://…", "/\\evil") becomes the home page.
 */
export function safeReturnTo(value: string | null | undefined, fallback = '/'): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  // Control characters (CR/LF, tabs) have no business in a path and confuse URL parsers.
  if ([...value].some((character) => character.charCodeAt(0) < 0x20)) return fallback;
  // Going back to the login or signup page after logging in would be a loop.
  if (/^\/(login|signup)(?:[/?#]|$)/.test(value)) return fallback;
  return value;
}

/** `/login?returnTo=/account` for a page that needs a session. */
export const loginPathFor = (returnTo: string) =>
  returnTo === '/' ? '/login' : `/login?${new URLSearchParams({ returnTo }).toString()}`;
