export type { PbxSwitchboardControl } from './control';
export { createDisplayOnlyControl } from './displayOnlyControl';
export { createKamailioControl, KamailioRpcError, type KamailioControlOptions } from './kamailioControl';
export { createSwitchboardService, type SwitchboardService, type SwitchboardServiceOptions } from './service';
export { speechToWav, assertWav } from './wav';
export { controlFromSettings } from './controlFromSettings';
