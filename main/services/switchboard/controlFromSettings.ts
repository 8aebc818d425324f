// The PBX control the settings name (switchboardHours.pbx), re-made when they change, so the
// service never holds a control for a PBX that is no longer configured.
import type { PbxControlSettings } from '../../../common/switchboard/schema';
import type { PbxSwitchboardControl } from './control';
import { createDisplayOnlyControl } from './displayOnlyControl';
import { createKamailioControl } from './kamailioControl';

export function controlFromSettings(settings: () => PbxControlSettings): PbxSwitchboardControl {
  let key = '';
  let current: PbxSwitchboardControl = createDisplayOnlyControl();
  const pick = () => {
    const s = settings();
    const k = JSON.stringify(s);
    if (k !== key) {
      key = k;
      current = s.kind === 'kamailio-jsonrpc' ? createKamailioControl({ url: s.url, token: s.token, promptDir: s.promptDir }) : createDisplayOnlyControl();
    }
    return current;
  };
  return {
    get kind() {
      return pick().kind;
    },
    get playsMessage() {
      return pick().playsMessage;
    },
    apply: (state) => pick().apply(state),
    read: () => pick().read(),
    installPrompt: (m, wav) => pick().installPrompt(m, wav),
  };
}
