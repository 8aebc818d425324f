export { Softphone, sipfragStatus, type ActionResult, type AnswerResult, type SoftphoneDeps } from './softphone';
export { WebAudioTones, silentTones, type Tones } from './tones';
export {
  CallState,
  RegistrationState,
  CALL_TRANSITIONS,
  REGISTRATION_TRANSITIONS,
  TRANSFER_TRANSITIONS,
  callMachine,
  registrationMachine,
  transferMachine,
  type StoreOptions,
  type TransferState,
} from './states';
export { createRegistrationStore, registrationLabel, selectConnected, type RegistrationLabel, type RegistrationRetry, type RegistrationStoreState } from './registration/registration-store';
export {
  createCallsStore,
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
  type SoftphoneStores,
} from './stores';
export { AudioElementOutput, type RemoteAudio } from './remote-audio';
export type { ReportLog } from './log';
