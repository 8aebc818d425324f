export { Softphone, type AnswerResult, type SoftphoneDeps } from './softphone';
export { CallState, RegistrationState } from './states';
export {
  createCallsStore,
  createRegistrationStore,
  createSoftphoneStores,
  selectActiveCall,
  selectQueue,
  type Call,
  type CallsState,
  type EndReason,
  type QueueEntry,
  type RegistrationStoreState,
  type SoftphoneStores,
} from './stores';
export { AudioElementOutput, type RemoteAudio } from './remote-audio';
export type { ReportLog } from './log';
