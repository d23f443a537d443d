/** The WCAG relative luminance of a `#rrggbb` colour. */
function luminance(hex: string): number {
  const channels = [1, 3, 5].map((start) => parseInt(hex.slice(start, start + 2), 16) / 255);
  const [red, green, blue] = channels.map((value) =>
    value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4,
  );
  return 0.2126 * red + 0.7152 * green + 0.0722 * blue;
}

function contrastRatio(first: number, second: number): number {
  return (Math.max(first, second) + 0.05) / (Math.min(first, second) + 0.05);
}

export const DEFAULT_COLOR = '#2563eb';

/** The chatbot's colour if it is a valid `#rrggbb`, else Parley's blue. */
export function brandColor(color: string | undefined): string {
  return color && /^#[0-9a-f]{6}$/i.test(color) ? color : DEFAULT_COLOR;
}

/** White or near-black, whichever reads better on the chatbot's colour. */
export function textColorOn(background: string): '#ffffff' | '#111827' {
  const shade = luminance(brandColor(background));
  return contrastRatio(shade, 1) >= contrastRatio(shade, luminance('#111827'))
    ? '#ffffff'
    : '#111827';
}
