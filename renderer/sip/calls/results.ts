// What the softphone's operator actions return; the UI turns them into messages.

/** Why answer() did nothing. ('busy' is kept for callers of the old API: answering now holds the current call.) */
export type AnswerResult = 'answered' | 'no-call' | 'busy' | 'failed';

/** The outcome of an operator action that had nothing to act on, or failed. */
export type ActionResult = 'ok' | 'no-call' | 'no-target' | 'failed' | 'no-slot';
