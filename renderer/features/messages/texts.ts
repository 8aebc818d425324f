// The message pad's interface texts, Swedish first (the accessible names the tests use live here).
import { useTranslation } from 'react-i18next';
import type { DeliveryStatus, MessageChannel } from '../../../common/messages/model';

const sv = {
  dialog: 'Meddelande',
  heading: 'Meddelande till',
  to: 'Till',
  from: 'Från',
  number: 'Nummer',
  time: 'Tid',
  municipality: 'Ringde',
  text: 'Meddelande',
  callback: 'Ring tillbaka',
  urgent: 'Brådskande',
  send: 'Skicka',
  cancel: 'Avbryt',
  hint: 'Ctrl+Enter skickar, Alt+R ring tillbaka, Alt+B brådskande, Esc stänger.',
  noTarget: 'Ange vem meddelandet är till.',
  sendFailed: 'Meddelandet kunde inte sparas. Försök igen.',
  saved: 'Meddelandet är sparat och skickas.',
  panel: 'Meddelanden',
  empty: 'Inga meddelanden',
  open: 'Öppna meddelanden',
  openFor: (caller: string, employee: string, time: string) => `Öppet meddelande: ${caller} sökte ${employee} ${time}`,
  done: 'Återringd',
  unknownCaller: 'okänd',
  channel: { voice: 'Röstbrevlåda', sip: 'SIP-meddelande', email: 'E-post' } satisfies Record<MessageChannel, string>,
  status: { queued: 'köad', sending: 'skickas', sent: 'skickad', delivered: 'levererad', failed: 'misslyckades' } satisfies Record<DeliveryStatus, string>,
  messageFor: (employee: string, caller: string) => `Till ${employee} från ${caller}`,
};
export type MessageTexts = typeof sv;

const en: MessageTexts = {
  dialog: 'Message',
  heading: 'Message for',
  to: 'To',
  from: 'From',
  number: 'Number',
  time: 'Time',
  municipality: 'Dialled',
  text: 'Message',
  callback: 'Call back',
  urgent: 'Urgent',
  send: 'Send',
  cancel: 'Cancel',
  hint: 'Ctrl+Enter sends, Alt+R call back, Alt+B urgent, Esc closes.',
  noTarget: 'Say who the message is for.',
  sendFailed: 'The message could not be saved. Try again.',
  saved: 'The message is saved and being sent.',
  panel: 'Messages',
  empty: 'No messages',
  open: 'Open messages',
  openFor: (caller, employee, time) => `Open message: ${caller} was looking for ${employee} ${time}`,
  done: 'Called back',
  unknownCaller: 'unknown',
  channel: { voice: 'Voicemail', sip: 'SIP message', email: 'E-mail' },
  status: { queued: 'queued', sending: 'sending', sent: 'sent', delivered: 'delivered', failed: 'failed' },
  messageFor: (employee, caller) => `For ${employee} from ${caller}`,
};

export function useMessageTexts(): MessageTexts {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? en : sv;
}
