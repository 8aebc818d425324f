// The operator's call actions, shared by the buttons and the F-keys so both behave the same:
// act, say what happened when nothing did, then put focus back in the search field.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Softphone } from '../../sip';
import type { SearchFocus } from '../directory/search-focus';

export type NoticeKey = 'call.busy' | 'call.answerFailed';

export interface NoticeState {
  readonly notice: NoticeKey | null;
}

export function createNoticeStore(): StoreApi<NoticeState> {
  return createStore<NoticeState>()(() => ({ notice: null }));
}

export interface CallActions {
  answerNext(): Promise<void>;
  hangupActive(): Promise<void>;
}

export function createCallActions(softphone: Softphone, notices: StoreApi<NoticeState>, searchFocus: SearchFocus): CallActions {
  return {
    async answerNext() {
      const result = await softphone.answer();
      notices.setState({ notice: result === 'busy' ? 'call.busy' : result === 'failed' ? 'call.answerFailed' : null });
      searchFocus.focus();
    },
    async hangupActive() {
      await softphone.hangup();
      notices.setState({ notice: null });
      searchFocus.focus();
    },
  };
}
