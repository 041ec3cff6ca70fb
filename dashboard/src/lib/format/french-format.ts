/**
 * Numbers, rates, durations and clock times the way the interface's language writes them,
 * always in Europe/Paris time. A null rate is "—": nothing offered is not 100 %.
 */
export type Locale = 'fr' | 'en';

export const TIME_ZONE = 'Europe/Paris';
export const NO_VALUE = '—';

const intlLocale: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB' };

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function numberFormat(locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `n:${locale}:${JSON.stringify(options)}`;
  let format = cache.get(key) as Intl.NumberFormat | undefined;
  if (!format) cache.set(key, (format = new Intl.NumberFormat(intlLocale[locale], options)));
  return format;
}
function dateFormat(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d:${locale}:${JSON.stringify(options)}`;
  let format = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!format)
    cache.set(key, (format = new Intl.DateTimeFormat(intlLocale[locale], { timeZone: TIME_ZONE, ...options })));
  return format;
}

/** 0.9123 -> "91,2 %" (fr) / "91.2%" (en); null -> "—". */
export function formatRate(rate: number | null | undefined, locale: Locale): string {
  if (rate == null || !Number.isFinite(rate)) return NO_VALUE;
  return numberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(rate);
}

export function formatCount(value: number, locale: Locale): string {
  return numberFormat(locale, { maximumFractionDigits: 0 }).format(value);
}

/**
 * Seconds as a wait or a talk time: "42 s", "3 min 05 s", "1 h 02 min"; null -> "—".
 * The SI unit symbols read the same in French and English, so no locale is needed.
 */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds)) return NO_VALUE;
  const total = Math.max(0, Math.round(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (h > 0) return `${h} h ${pad(m)} min`;
  if (m > 0) return `${m} min ${pad(s)} s`;
  return `${s} s`;
}

/** "14:03:27", Paris time. */
export function formatClock(epochMs: number, locale: Locale): string {
  return dateFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(
    epochMs,
  );
}

/** "14:00", Paris time (chart labels). */
export function formatHourMinute(epochMs: number, locale: Locale): string {
  return dateFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(epochMs);
}

/** "28/11" (fr) for a day on a 30-day axis. */
export function formatShortDate(epochMs: number, locale: Locale): string {
  return dateFormat(locale, { day: '2-digit', month: '2-digit' }).format(epochMs);
}

/** "samedi 28 novembre 2026". */
export function formatLongDate(epochMs: number, locale: Locale): string {
  return dateFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(epochMs);
}
