// What the console does to get the operator's attention while it rings in the background: the tray
// icon's text, a native notification, the taskbar flashing. Computed here from the state the
// renderer reports, so Electron only shows what these functions decide.
import type { Locale } from '../i18n/types';
import { translator } from '../i18n/translate';

export interface DesktopState {
  registered: boolean;
  /** Callers ringing and not yet answered. */
  waiting: number;
}

export interface WindowAttention {
  /** The window is the one in front with keyboard focus. */
  focused: boolean;
  visible: boolean;
  minimized: boolean;
}

export interface TrayText {
  /** Hover text: product, registration, waiting callers (no caller data: P-SECRECY). */
  tooltip: string;
  /** Short text beside the icon where the platform shows one (macOS, some Linux panels). */
  title: string;
  /** Which icon: one per state so the tray shows it without hovering. */
  icon: 'registered' | 'unregistered' | 'ringing';
}

export function trayText(state: DesktopState, locale: Locale = 'sv'): TrayText {
  const t = translator(locale);
  const parts = [t('desktop.appName'), t(state.registered ? 'desktop.registered' : 'desktop.unregistered')];
  if (state.waiting > 0) parts.push(t('desktop.waiting', { count: state.waiting }));
  return {
    tooltip: parts.join(' – '),
    title: state.waiting > 0 ? String(state.waiting) : '',
    icon: state.waiting > 0 ? 'ringing' : state.registered ? 'registered' : 'unregistered',
  };
}

const inFront = (w: WindowAttention) => w.focused && w.visible && !w.minimized;

/**
 * A notification for each new ringing call while the window is not in front; none for callers
 * already announced (the count going down or staying the same).
 */
export function shouldNotify(previous: DesktopState, next: DesktopState, window: WindowAttention): boolean {
  return next.waiting > previous.waiting && !inFront(window);
}

/** The taskbar flashes while someone is ringing and the window is not in front; it stops otherwise. */
export function shouldFlash(state: DesktopState, window: WindowAttention): boolean {
  return state.waiting > 0 && !inFront(window);
}

export function notificationText(locale: Locale = 'sv'): { title: string; body: string } {
  const t = translator(locale);
  return { title: t('desktop.appName'), body: t('desktop.incomingCall') };
}
