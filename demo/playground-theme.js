// Themes of the playground's preview and the CSS its snippets carry. The elements' colours are
// light-dark() pairs that follow the page's color-scheme; a custom colour is the agency's brand
// colour for planned-work accents and focus outlines.

const PAGES = {
  light: { 'color-scheme': 'light', background: '#ffffff', color: '#1b1b1b' },
  dark: { 'color-scheme': 'dark', background: '#121417', color: '#f2f4f7' },
};
/** The planned-work banner's light background, which custom colour text must stand on. */
const INFO_BACKGROUND = '#eef4fb';
const TEXT_CONTRAST = 4.5;

function customProperties(accent) {
  return { '--statuskit-info-color': accent, '--statuskit-focus-color': accent };
}

/** CSS properties for the preview box. */
export function themeProperties(theme, accent) {
  if (theme === 'dark') return PAGES.dark;
  return { ...PAGES.light, ...(theme === 'custom' && customProperties(accent)) };
}

/** The `:root` rule a page needs for the theme, or '' for the default light one. */
export function themeCss(theme, accent) {
  const properties =
    theme === 'dark' ? PAGES.dark : theme === 'custom' ? customProperties(accent) : undefined;
  if (!properties) return '';
  const lines = Object.entries(properties).map(([name, value]) => `  ${name}: ${value};`);
  return [':root {', ...lines, '}'].join('\n');
}

/** Says when a custom colour is too light for text on the planned-work background (WCAG 1.4.3). */
export function contrastWarning(accent) {
  const ratio = contrast(accent, INFO_BACKGROUND);
  if (ratio >= TEXT_CONTRAST) return `Contrast ${ratio.toFixed(1)}:1 on the banner background.`;
  return (
    `Too light: ${ratio.toFixed(1)}:1 on the banner background, text needs ` +
    `${TEXT_CONTRAST}:1. Choose a darker colour.`
  );
}

/** WCAG 2 contrast ratio of two #rrggbb colours. */
export function contrast(a, b) {
  const [lighter, darker] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (lighter + 0.05) / (darker + 0.05);
}

function luminance(hex) {
  const channels = [1, 3, 5].map((offset) => parseInt(hex.slice(offset, offset + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
