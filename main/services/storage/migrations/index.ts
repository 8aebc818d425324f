// Every migration, in order. Add a file NNNN-name.ts with its own test, then list it here.
import { migration0001CallLog } from './0001-call-log';
import { migration0002CallLogMerge } from './0002-call-log-merge';
import { migration0003Messages } from './0003-messages';
import { migration0004CallLogReferral } from './0004-call-log-referral';
import { migration0005Orders } from './0005-orders';
import { migration0006CallLogDialOut } from './0006-call-log-dial-out';
import { migration0007TeamSync } from './0007-team-sync';
import { migration0008OrderSharedMail } from './0008-order-shared-mail';
import { migration0009CallLogOutcomes } from './0009-call-log-outcomes';
import type { Migration } from './types';

export type { Migration } from './types';
export const migrations: readonly Migration[] = [
  migration0001CallLog,
  migration0002CallLogMerge,
  migration0003Messages,
  migration0004CallLogReferral,
  migration0005Orders,
  migration0006CallLogDialOut,
  migration0007TeamSync,
  migration0008OrderSharedMail,
  migration0009CallLogOutcomes,
];
