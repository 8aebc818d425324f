export { createMessagesService, openMessages, type MessagesService, type MessagesServiceOptions, type OpenMessagesOptions } from './service';
export { Outbox, addressFor, normaliseNumbers, type EmployeeAddresses, type NewMessage } from './outbox';
export { createSmtpSender, mailMessageId, classifySmtpError, type MailSender, type MailToSend } from './email';
export { createEspeakSynthesizer, encodeMulaw, decodeMulaw, resample, type Speech, type SpeechSynthesizer } from './speech';
