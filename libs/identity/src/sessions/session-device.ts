// The browser and system a session was opened from, named from its User-Agent so a person can
// recognise "Chrome on Windows" rather than a string of tokens. Unknown or absent: null, never a guess.
import Bowser from 'bowser';

export interface SessionDevice {
  browser: string | null;
  system: string | null;
}

export function sessionDevice(userAgent: string | null): SessionDevice {
  if (!userAgent?.trim()) return { browser: null, system: null };
  const parsed = Bowser.parse(userAgent);
  const major = parsed.browser.version?.split('.')[0];
  const browser = parsed.browser.name ? [parsed.browser.name, major].filter(Boolean).join(' ') : null;
  const system = parsed.os.name ? [parsed.os.name, parsed.os.versionName ?? null].filter(Boolean).join(' ') : null;
  return { browser, system };
}
