// The frame of the contact card's editors (unit notices, opening hours): the console's modal Dialog
// around a form. Enter saves from any field but a button or an open directory picker (Control+Enter
// from the text area, where Enter is a new line); Escape cancels; focus goes back to the search field (onDone).
import type { ReactNode } from 'react';
import { Dialog } from '../../components/Dialog';

export function EditorDialog(props: { label: string; className: string; onCancel(): void; onSubmit(): void; onDone(): void; children: ReactNode }) {
  const save = (e: { target: unknown; ctrlKey: boolean }) => {
    if (e.target instanceof HTMLButtonElement) return false; // Enter on "Avbryt" is a click on it
    if (e.target instanceof HTMLTextAreaElement && !e.ctrlKey) return false;
    // Enter in a directory picker with hits shown picks the hit (PersonPicker), it does not save
    if (e.target instanceof HTMLInputElement && e.target.getAttribute('role') === 'combobox' && e.target.getAttribute('aria-expanded') === 'true' && !e.ctrlKey) return false;
    props.onSubmit();
    return true;
  };
  return (
    <Dialog owner="unit-editor" title={props.label} headingLevel={3} className={props.className} onClose={props.onCancel} returnFocus={props.onDone} keys={{ 'editor.save': save }}>
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          props.onSubmit();
        }}
      >
        {props.children}
      </form>
    </Dialog>
  );
}

export const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));
