// For a PBX the console cannot steer: the state is kept here to be shown ("Stängt enligt schema"),
// nothing reaches the PBX, and its admin sets up the closed message there by hand (README).
import type { PbxSwitchboardState } from '../../../common/switchboard/pbxState';
import type { PbxSwitchboardControl } from './control';

export function createDisplayOnlyControl(): PbxSwitchboardControl {
  let held: PbxSwitchboardState | null = null;
  return {
    kind: 'display-only',
    playsMessage: false,
    async apply(state) {
      held = structuredClone(state);
    },
    async read() {
      return held ? structuredClone(held) : null;
    },
    async installPrompt() {
      // nowhere to put it: the WAV stays in the console's data folder for the admin to copy
    },
  };
}
