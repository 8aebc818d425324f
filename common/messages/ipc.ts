// The message pad's part of the IPC contract, spread into common/ipc/contract.ts.
import { z } from 'zod';
import { MessageChannel, MessageDraft, MessageId, MessageJob, MessageJobReport, MessageSettings, MessageView } from './model';

const method = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output });

export const messagesContractMethods = {
  /** Saves the message in the outbox (idempotent by id) and queues its deliveries. */
  messageSend: method(MessageDraft, MessageView),
  /** Newest first; openOnly: callback wanted and not yet done (P-MAILBOX). */
  messageList: method(z.object({ limit: z.number().int().min(1).max(500), openOnly: z.boolean().optional() }).strict(), z.array(MessageView)),
  /** Open callbacks concerning these numbers: the caller's, or the employee's own extension/number. */
  messageFindOpen: method(z.object({ numbers: z.array(z.string().max(200)).max(10) }).strict(), z.array(MessageView)),
  /** The employee called back: the message is closed. */
  messageCloseCallback: method(z.object({ id: MessageId }).strict(), z.boolean()),
  /** The renderer's delivery agent takes one due SIP job (lease with expiry), or null. */
  messageClaimJob: method(z.object({ channels: z.array(MessageChannel).min(1).max(3) }).strict(), MessageJob.nullable()),
  messageReportJob: method(MessageJobReport, z.boolean()),
  /** The network (or SIP registration) is back: make every queued delivery due now. */
  messageNudge: method(z.undefined(), z.number().int()),
  messageGetSettings: method(z.undefined(), MessageSettings),
  messageSaveSettings: method(MessageSettings, MessageSettings),
} as const;

export const messagesContractEvents = {
  /** The outbox changed (a message, a delivery's status, a callback done here or at another console). */
  messagesChanged: z.object({}).strict(),
} as const;
