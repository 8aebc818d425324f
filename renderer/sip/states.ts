// Explicit state enums for the console. They mirror SIP.js's RegistererState/SessionState but in
// the operator's terms, so the UI never depends on SIP.js types.

export enum RegistrationState {
  Unregistered = 'Unregistered',
  Registering = 'Registering',
  Registered = 'Registered',
  Failed = 'Failed',
}

export enum CallState {
  /** Offered to the switchboard, waiting in the queue. */
  Ringing = 'Ringing',
  /** The operator pressed answer; media is being set up. */
  Answering = 'Answering',
  /** An outgoing call (dial-out, consultation, safe transfer) not yet answered. */
  Calling = 'Calling',
  Talking = 'Talking',
  Held = 'Held',
  Ended = 'Ended',
}
