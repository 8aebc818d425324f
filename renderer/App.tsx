// Top level: ask main for the settings, then show the setup screen (first run, or a stored file
// that could not be read) or the console.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings, SettingsState } from '../common/settings/schema';
import { Console } from './Console';
import { SetupScreen } from './features/setup/SetupScreen';
import { reportLog, vaxel } from './platform/vaxel';

type Phase =
  | { readonly kind: 'loading' }
  | { readonly kind: 'setup'; readonly state: Exclude<SettingsState, { status: 'ok' }> }
  | { readonly kind: 'console'; readonly settings: Settings }
  | { readonly kind: 'error' };

function phaseOf(state: SettingsState): Phase {
  return state.status === 'ok' ? { kind: 'console', settings: state.settings } : { kind: 'setup', state };
}

/** A headset chosen in the console is used at once (renderer/headset); saving it must not restart the engine. */
function sameButHeadset(a: Settings, b: Settings): boolean {
  return JSON.stringify({ ...a, headset: undefined }) === JSON.stringify({ ...b, headset: undefined });
}

export function App() {
  const { t, i18n } = useTranslation();
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });

  useEffect(() => {
    let live = true;
    vaxel()
      .getSettings()
      .then((state) => live && setPhase(phaseOf(state)))
      .catch(() => {
        reportLog({ level: 'error', code: 'settings.load-failed' });
        if (live) setPhase({ kind: 'error' });
      });
    // Settings saved elsewhere (another window, the settings feature) restart the console with them.
    const off = vaxel().on('settingsChanged', (state) => {
      if (state.status !== 'ok') return;
      // Our own save echoes back here: restarting the engine for identical settings would re-register.
      setPhase((prev) => (prev.kind === 'console' && sameButHeadset(prev.settings, state.settings) ? prev : { kind: 'console', settings: state.settings }));
    });
    return () => {
      live = false;
      off();
    };
  }, []);

  const locale = phase.kind === 'console' ? phase.settings.locale : undefined;
  useEffect(() => {
    if (locale && locale !== i18n.language) void i18n.changeLanguage(locale);
    if (locale) document.documentElement.lang = locale;
  }, [locale, i18n]);

  switch (phase.kind) {
    case 'loading':
      return <p className="loading">{t('app.loading')}</p>;
    case 'error':
      return <p role="alert">{t('errors.settingsLoadFailed')}</p>;
    case 'setup':
      return <SetupScreen state={phase.state} onStarted={(settings) => setPhase({ kind: 'console', settings })} />;
    case 'console':
      return <Console settings={phase.settings} />;
  }
}
