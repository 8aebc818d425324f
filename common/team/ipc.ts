// The team store's part of the IPC contract (issue 13), spread at the end of common/ipc/contract.ts:
// its state for the status line, and the notice to an operator whose change lost a conflict.
import { z } from 'zod';
import { TeamConflict, TeamStatus } from './settings';

const method = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output });

export const teamContractMethods = {
  teamStatus: method(z.undefined(), TeamStatus),
} as const;

export const teamContractEvents = {
  teamStatusChanged: TeamStatus,
  teamConflict: TeamConflict,
} as const;
