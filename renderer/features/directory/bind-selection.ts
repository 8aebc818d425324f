// Connects the directory's opened entry to the call keys (F5 announced, F7 blind, F8 safe,
// Shift+F7 voicemail): they transfer to the person whose card the operator has open. A protected
// identity has no transferable target (card.ts strips it), so the keys say "no target" instead.
import type { CallActions } from '../call/actions';
import { transferTarget, type DirectorySelectionStore } from './selection-store';

export function bindDirectorySelection(actions: Pick<CallActions, 'setSelectedTarget'>, selection: DirectorySelectionStore): () => void {
  const apply = () => {
    const target = transferTarget(selection.getState().selected);
    actions.setSelectedTarget(target ? { number: target.extension ?? target.sipUri!, label: target.name } : null);
  };
  apply();
  return selection.subscribe(apply);
}
