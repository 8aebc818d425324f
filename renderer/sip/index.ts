export { Softphone, sipfragStatus, type ActionResult, type AnswerResult, type SoftphoneDeps } from './softphone';
export { WebAudioTones, silentTones, type Tones } from './tones';
export { CallState, RegistrationState } from './states';
export {
  createCallsStore,
  createRegistrationStore,
  createSoftphoneStores,
  selectActiveCall,
  selectHeld,
  selectLiveCalls,
  selectParked,
  selectQueue,
  type Call,
  type CallPatch,
  type TransferInfo,
  type CallsState,
  type EndReason,
  type QueueEntry,
  type RegistrationStoreState,
  type SoftphoneStores,
} from './stores';
export { AudioElementOutput, type RemoteAudio } from './remote-audio';
export type { ReportLog } from './log';
