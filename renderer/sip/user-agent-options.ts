// SIP.js UserAgent options for one account. Pinned choices (shared/reference/siplab/NOTES.md):
// no STUN (the default one is on the internet; the lab and production are on-net), Replaces
// supported for attended transfer, and SIP.js's own console logging off (it prints whole SIP
// messages, i.e. numbers and names: P-SECRECY).
import { SIPExtension, UserAgent, Web, type UserAgentOptions } from 'sip.js';
import type { SipAccount } from '../../common/settings/schema';
import { localStreamAwareFactory } from './local-stream';
import type { ReportLog } from './log';

/** A queued call must wait longer than SIP.js's 60 s default before it is auto-rejected. */
const NO_ANSWER_TIMEOUT_S = 300;

export class AccountUriError extends Error {
  constructor() {
    super('account-uri-invalid');
    this.name = 'AccountUriError';
  }
}

export function userAgentOptions(account: SipAccount, displayName: string, server: string, log: ReportLog): UserAgentOptions {
  const uri = UserAgent.makeURI(`sip:${account.username}@${account.domain}`);
  if (!uri) throw new AccountUriError();
  return {
    uri,
    displayName,
    authorizationUsername: account.authorizationUsername || account.username,
    authorizationPassword: account.password,
    transportOptions: { server },
    sipExtensionReplaces: SIPExtension.Supported,
    // the microphone, unless the call brings its own stream (local-stream.ts)
    sessionDescriptionHandlerFactory: Web.defaultSessionDescriptionHandlerFactory(localStreamAwareFactory),
    sessionDescriptionHandlerFactoryOptions: { peerConnectionConfiguration: { iceServers: [] } },
    noAnswerTimeout: NO_ANSWER_TIMEOUT_S,
    userAgentString: 'Vaxel',
    logBuiltinEnabled: false,
    logLevel: 'error',
    // Category only: the content may hold a SIP message.
    logConnector: (level, category) => {
      if (level === 'error') log({ level: 'error', code: 'sip.library-error', detail: { category: category.slice(0, 60) } });
    },
  };
}
