const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, withDay: boolean): Intl.DateTimeFormat {
  const key = `${locale}:${withDay}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      ...(withDay ? { day: 'numeric', month: 'short' } : {}),
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(key, format);
  }
  return format;
}

/** "14:05" for today, "3 Mar, 14:05" for an older message (a conversation reopened by email). */
export function formatTime(iso: string, locale: string, now = new Date()): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  return formatter(locale, at.toDateString() !== now.toDateString()).format(at);
}
