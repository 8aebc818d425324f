// The keyboard help overlay (F1): every action with its key from the operator's keymap, and how
// many keys the standard flows take. The console's modal Dialog named "Kortkommandon"; Escape or F1
// closes it, and focus goes back to the search field.
import { useEffect, useRef } from 'react';
import { Dialog } from '../../components/Dialog';
import { useStore } from 'zustand';
import { useTranslation } from 'react-i18next';
import { useConsole } from '../../console-context';
import { ACTIONS, countFlow, STANDARD_FLOWS, type ActionId } from '../../keyboard/keymap';

type Described = Exclude<ActionId, `retrieve${2 | 3 | 4 | 5 | 6 | 7 | 8 | 9}`>;

export function HelpDialog() {
  const { t } = useTranslation();
  const { actions, searchFocus } = useConsole();
  const open = useStore(actions.ui, (s) => s.helpOpen);
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (open) closeRef.current?.focus();
  }, [open]);
  if (!open) return null;
  const rows = ACTIONS.filter((a): a is Described => !/^retrieve[2-9]$/.test(a));
  return (
    <Dialog owner="help" title={t('help.title')} className="help" onClose={() => actions.toggleHelp()} returnFocus={searchFocus.focus}>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('help.key')}</th>
            <th scope="col">{t('help.action')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((a) => (
            <tr key={a}>
              <td>
                <kbd>{a === 'retrieve1' ? `${actions.keymap.retrieve1} … ${actions.keymap.retrieve9}` : actions.keymap[a]}</kbd>
              </td>
              <td>{t(`keys.${a === 'retrieve1' ? 'retrieve' : a}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t('help.flows')}</h3>
      <ul>
        {STANDARD_FLOWS.map((f) => {
          const c = countFlow(f, actions.keymap);
          return <li key={f.id}>{t('help.flowKeys', { flow: f.id, count: c.keys })}</li>;
        })}
      </ul>
      <button type="button" ref={closeRef} onClick={() => actions.toggleHelp()}>
        {t('help.close')}
      </button>
    </Dialog>
  );
}
