// The message pad (D-MSGPAD, P-VOICEMAIL, P-MAILBOX): what the operator writes down for an
// employee who could not take a call, how it is delivered (channels), and the wording of what is
// delivered. Pure: shared by main (outbox, e-mail, speech) and the renderer (pad, delivery agent).
// P-SECRECY: everything here is call data. It travels over IPC and into the outbox database and
// the delivery channels, never into logs.
import { z } from 'zod';
import { translator, type TFunction } from '../i18n/translate';
import { dateTimeText } from '../time/stockholm';

export const MessageChannel = z.enum(['voice', 'sip', 'email']);
export type MessageChannel = z.infer<typeof MessageChannel>;

/** queued: waiting (also between retries); sending: an attempt is under way (leased);
 *  sent: accepted by the next hop for later delivery (SMTP 250, SIP 202 from the PBX's store);
 *  delivered: reached the employee (SIP 200 from their phone, the voicemail call played to the end);
 *  failed: given up, with the reason. */
export const DeliveryStatus = z.enum(['queued', 'sending', 'sent', 'delivered', 'failed']);
export type DeliveryStatus = z.infer<typeof DeliveryStatus>;

/** The idempotency key of a message: a UUID made by the pad when it opens, so a retried send is the same message. */
export const MessageId = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'a UUID');

const PhoneText = z
  .string()
  .max(40)
  .regex(/^[0-9+*#() .-]*$/, 'digits and + * # ( ) . - only');

export const MessageDraft = z
  .object({
    id: MessageId,
    /** The caller's number as received; '' when withheld. */
    callerNumber: PhoneText,
    /** The caller's name (from the directory or as told); may be ''. */
    callerName: z.string().max(120),
    /** When the caller rang (ms since the epoch). */
    calledAt: z
      .number()
      .int()
      .min(Date.UTC(2020, 0, 1)),
    /** The switchboard (municipality) the caller dialled, null when internal or unknown. */
    switchboardId: z.string().max(64).nullable(),
    dialledNumber: PhoneText,
    /** Who the caller sought: an extension, a number, or a SIP URI (the transfer target). */
    employee: z.string().min(1).max(200),
    text: z.string().max(1000),
    callbackWanted: z.boolean(),
    urgent: z.boolean(),
  })
  .strict();
export type MessageDraft = z.infer<typeof MessageDraft>;

export const DeliveryView = z.object({
  channel: MessageChannel,
  status: DeliveryStatus,
  attempts: z.number().int(),
  /** A short code: why it failed, or why the last attempt did not go through. */
  reason: z.string().nullable(),
  updatedAt: z.number(),
});
export type DeliveryView = z.infer<typeof DeliveryView>;

export const MessageView = z.object({
  id: z.string(),
  createdAt: z.number(),
  callerNumber: z.string(),
  callerName: z.string(),
  calledAt: z.number(),
  switchboardId: z.string().nullable(),
  employeeName: z.string(),
  employeeExtension: z.string().nullable(),
  text: z.string(),
  callbackWanted: z.boolean(),
  urgent: z.boolean(),
  callbackDoneAt: z.number().nullable(),
  deliveries: z.array(DeliveryView),
});
export type MessageView = z.infer<typeof MessageView>;

/** Which channels, per organisation and per employee (extension). Order matters only for display. */
export const MessageChannelPolicy = z
  .object({
    /** Channels every message goes to, when the employee has an address for them. */
    channels: z.array(MessageChannel).min(1).max(3),
    /** When the voice deposit fails for good, send this instead (null: none). */
    voiceFallback: MessageChannel.nullable(),
  })
  .strict();
export type MessageChannelPolicy = z.infer<typeof MessageChannelPolicy>;

export const SmtpConfig = z
  .object({
    host: z.string().min(1).max(255),
    port: z.number().int().min(1).max(65535),
    secure: z.boolean().default(false),
    /** Upgrade with STARTTLS when offered; the lab's listener has no certificate. */
    requireTls: z.boolean().default(false),
    user: z.string().max(255).optional(),
    password: z.string().max(255).optional(),
    from: z
      .string()
      .max(254)
      .regex(/^[^\s@]+@[^\s@]+$/, 'an e-mail address'),
  })
  .strict();
export type SmtpConfig = z.infer<typeof SmtpConfig>;

export const MessageSettings = z
  .object({
    /** The organisation's default (D-MSGPAD: the voicemail first, e-mail as the written record). */
    policy: MessageChannelPolicy,
    /** Per employee extension. */
    perEmployee: z.record(z.string().regex(/^\d{2,8}$/), MessageChannelPolicy).default({}),
    /** Messages (text, numbers, names) are deleted this many days after they were taken. */
    retentionDays: z.number().int().min(1).max(3650),
    smtp: SmtpConfig.nullable(),
  })
  .strict();
export type MessageSettings = z.infer<typeof MessageSettings>;

export const DEFAULT_MESSAGE_SETTINGS: MessageSettings = {
  policy: { channels: ['voice', 'email'], voiceFallback: 'sip' },
  perEmployee: {},
  retentionDays: 30,
  smtp: null,
};

/** What the renderer's delivery agent is handed: one leased SIP job. */
export const MessageJob = z.object({
  deliveryId: z.number().int(),
  leaseToken: z.string(),
  leaseUntil: z.number(),
  channel: z.enum(['voice', 'sip']),
  attempt: z.number().int(),
  messageId: z.string(),
  /** The request URI: the employee's SIP URI, or their voicemail deposit URI. */
  target: z.string(),
  /** The display name the deposit call or MESSAGE is sent under (the caller, via the switchboard). */
  fromDisplayName: z.string(),
  /** The text body (SIP MESSAGE). */
  body: z.string(),
  /** Voice: the spoken message, 8 kHz G.711 mu-law, base64. */
  speech: z.object({ sampleRate: z.number().int(), mulawBase64: z.string() }).nullable(),
});
export type MessageJob = z.infer<typeof MessageJob>;

export const MessageJobReport = z
  .object({
    deliveryId: z.number().int(),
    leaseToken: z.string().max(64),
    /** answered: the voicemail took the call (progress, not an outcome); retry: a temporary failure. */
    outcome: z.enum(['answered', 'sent', 'delivered', 'retry', 'failed']),
    code: z.string().regex(/^[a-z0-9.-]{1,48}$/),
  })
  .strict();
export type MessageJobReport = z.infer<typeof MessageJobReport>;

export const MESSAGE_ID_HEADER = 'X-Vaxel-Message-Id';

/** "2026-11-29 14:05" in Swedish local time. */
export const formatSwedishTime = dateTimeText;

const SWITCHBOARDS = new Set(['essunga', 'grastorp', 'internal']);
/** The switchboard a call came in on, as words ("Essunga kommun"); Swedish unless given the interface's `t`. */
export const municipalityLabel = (id: string | null, t: TFunction = translator('sv')) => (id ? (SWITCHBOARDS.has(id) ? t(`message.switchboard.${id as 'essunga'}`) : id) : t('message.noSwitchboard'));

export interface RenderInput {
  callerNumber: string;
  callerName: string;
  calledAt: number;
  switchboardId: string | null;
  employeeName: string;
  text: string;
  callbackWanted: boolean;
  urgent: boolean;
}

/** The caller's name, or '' when it is only their number again (a PSTN From display name). */
function nameOf(m: RenderInput): string {
  const digits = (s: string) => s.replace(/\D/g, '');
  return m.callerName && digits(m.callerName) && digits(m.callerName).endsWith(digits(m.callerNumber).slice(-9)) ? '' : m.callerName.trim();
}

// The employee's message is written in Swedish (catalogue keys message.*), whatever the
// operator's interface language.
const t = translator('sv');

/** The written message (SIP MESSAGE body, e-mail text), in Swedish. */
export function renderMessageText(input: RenderInput): string {
  const m = { ...input, callerName: nameOf(input) };
  const caller = m.callerName || t('message.unknownCaller');
  const lines = [
    `${m.urgent ? t('message.urgentPrefix') : ''}${t('message.title', { employee: m.employeeName })}`,
    m.callerNumber ? t('message.from', { caller, number: m.callerNumber }) : t('message.fromNoNumber', { caller }),
    t('message.time', { time: formatSwedishTime(m.calledAt), switchboard: municipalityLabel(m.switchboardId) }),
    m.callbackWanted ? (m.callerNumber ? t('message.callbackYes', { number: m.callerNumber }) : t('message.callbackYesNoNumber')) : t('message.callbackNo'),
    '',
    m.text.trim() || t('message.noText'),
  ];
  return lines.join('\n');
}

export function renderMessageSubject(input: RenderInput): string {
  const m = { ...input, callerName: nameOf(input) };
  const caller = m.callerName || m.callerNumber || t('message.unknownCaller');
  return `${m.urgent ? t('message.urgentPrefix') : ''}${m.callbackWanted ? t('message.subjectCallback', { caller }) : t('message.subject', { caller })}`;
}

/** Digits read one by one, grouped as written ("070-123 45 67" -> "0 7 0, 1 2 3, 4 5, 6 7"). */
export function speakableNumber(number: string): string {
  return number
    .replace(/^\+46[\s-]*/, '0')
    .split(/[\s-]+/)
    .filter(Boolean)
    .map((group) =>
      group
        .replace(/[^0-9]/g, '')
        .split('')
        .join(' '),
    )
    .filter(Boolean)
    .join(', ');
}

/** What the voice deposit says: name and callback number first and again last, so a cut-off keeps them. */
export function renderSpeech(input: RenderInput): string {
  const m = { ...input, callerName: nameOf(input) };
  const who = m.callerName || t('message.speechAnonymous');
  const number = m.callerNumber ? speakableNumber(m.callerNumber) : '';
  const time = formatSwedishTime(m.calledAt).slice(11);
  const parts = [
    m.urgent ? t('message.speechUrgent') : '',
    t('message.speechIntro'),
    number ? t('message.speechSoughtFrom', { who, time, number }) : t('message.speechSought', { who, time }),
    m.text.trim() ? t('message.speechText', { text: m.text.trim() }) : '',
    m.callbackWanted ? (number ? t('message.speechCallbackAt', { number }) : t('message.speechCallback')) : t('message.speechNoCallback'),
    m.callbackWanted && number ? t('message.speechRepeat', { number }) : '',
  ];
  return parts.filter(Boolean).join(' ');
}
