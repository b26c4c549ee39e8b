import {
  createTheme,
  darken,
  localStorageColorSchemeManager,
  type CSSVariablesResolver,
  type MantineColorsTuple,
} from '@mantine/core';

/** Same key as public/color-scheme.js, which applies the choice before React loads. */
export const colorSchemeManager = localStorageColorSchemeManager({ key: 'dongne-color-scheme' });

/** Warm persimmon orange; shade 7 carries white text at 5.2:1 (WCAG AA). */
const dongne: MantineColorsTuple = [
  '#fff4ec',
  '#ffe6d5',
  '#ffc9a8',
  '#ffa979',
  '#ff8c4f',
  '#f97316',
  '#ea580c',
  '#c2410c',
  '#a8390b',
  '#8a2f0a',
];

/** System fonts that render Hangul well on every platform: no web-font download, no CDN. */
const fontFamily =
  '-apple-system, BlinkMacSystemFont, "Apple SD Gothic Neo", Pretendard, "Noto Sans KR", "Noto Sans CJK KR", "Malgun Gothic", "맑은 고딕", "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

export const theme = createTheme({
  primaryColor: 'dongne',
  primaryShade: { light: 7, dark: 7 },
  colors: { dongne },
  fontFamily,
  headings: { fontFamily, fontWeight: '700' },
  defaultRadius: 'md',
  cursorType: 'pointer',
  autoContrast: true,
  components: {
    // No "*" after labels: it would become part of the accessible name ("비밀번호 *"); the
    // inputs still carry `required`, and optional fields say "(선택)" in their description.
    InputWrapper: { defaultProps: { withAsterisk: false } },
  },
});

/**
 * Text contrast (WCAG AA, 4.5:1) for every colour Mantine uses as text: its defaults put shade 6
 * text on a pale tint (light variant: 2.0–4.5:1 for yellow, teal, red…), shade 6 text on white
 * (red: 3.8:1) and shade 7 text on the dark body (3:1). Darker shades in light mode and paler
 * ones in dark mode fix every case; filled buttons keep their own shades.
 */
export const cssVariablesResolver: CSSVariablesResolver = (mantineTheme) => {
  const textColors = Object.keys(mantineTheme.colors).filter((color) => color !== 'dark' && color !== 'gray');
  const shadeVariables = (pick: (shades: readonly string[]) => { light: string; text: string }) =>
    Object.fromEntries(
      textColors.flatMap((color) => {
        const shades = mantineTheme.colors[color] ?? [];
        const { light, text } = pick(shades);
        return [
          [`--mantine-color-${color}-light-color`, light],
          [`--mantine-color-${color}-text`, text],
          [`--mantine-color-${color}-outline`, text],
        ];
      }),
    );
  return {
    variables: {},
    light: {
      '--mantine-color-dimmed': mantineTheme.colors.gray[7],
      // Shade 9 on its tint is still short for teal (4.49:1) and yellow (2:1): 30 % darker clears every colour.
      ...shadeVariables((shades) => ({
        light: darken(shades[9] ?? '#000', 0.3),
        text: darken(shades[9] ?? '#000', 0.3),
      })),
    },
    dark: {
      '--mantine-color-dimmed': mantineTheme.colors.dark[1],
      ...shadeVariables((shades) => ({ light: shades[2] ?? '#fff', text: shades[4] ?? '#fff' })),
      '--mantine-color-anchor': dongne[4],
    },
  };
};
