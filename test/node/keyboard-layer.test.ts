// The one keyboard layer (D-KEYS): the table of every binding (scope, owner, chord) derived from the
// keymap, no clashes inside a scope, and the dispatch order: the topmost dialog first (which keeps
// typed keys from the call keys but lets function keys through), touch-tone mode, the card, the
// call keys, and the results list last (Enter dials a typed number before it opens a result).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clashes, keyBindings, SCOPE_PRECEDENCE, type BindingId } from '../../renderer/keyboard/bindings';
import { createKeyLayer, type KeyEventLike } from '../../renderer/keyboard/key-layer';
import { ACTIONS, DEFAULT_KEYMAP, resolveKeymap } from '../../renderer/keyboard/keymap';

function press(key: string, m: Partial<Pick<KeyEventLike, 'ctrlKey' | 'altKey' | 'shiftKey' | 'metaKey' | 'repeat' | 'code' | 'target'>> = {}) {
  const e = { key, ctrlKey: false, altKey: false, shiftKey: false, metaKey: false, target: null, prevented: false, stopped: false, ...m } as KeyEventLike & { prevented: boolean; stopped: boolean };
  e.preventDefault = () => void (e.prevented = true);
  e.stopPropagation = () => void (e.stopped = true);
  return e;
}

/** A layer with handlers that record which binding ran (answering `result`). */
function recorder() {
  const layer = createKeyLayer(DEFAULT_KEYMAP);
  const ran: string[] = [];
  const handlers = (tag: string, ids: BindingId[], result = true) => Object.fromEntries(ids.map((id) => [id, () => (ran.push(`${tag}:${id}`), result)]));
  return { layer, ran, handlers };
}

test('the table holds every keymap action once, each in one scope, and the scopes in a fixed order', () => {
  const table = keyBindings(DEFAULT_KEYMAP);
  for (const a of ACTIONS) assert.equal(table.filter((b) => b.id === a).length, 1, a);
  assert.deepEqual([...SCOPE_PRECEDENCE], ['dialog', 'mode', 'card', 'global', 'list']);
  assert.equal(table.find((b) => b.id === 'absence')!.scope, 'card', 'Alt+F acts on the card');
  assert.equal(table.find((b) => b.id === 'answer')!.scope, 'global');
  assert.equal(table.find((b) => b.id === 'list.open')!.scope, 'list');
});

test('no two bindings of one scope (and owner) share a key, with the defaults', () => {
  assert.deepEqual(
    clashes(keyBindings(DEFAULT_KEYMAP)).map(([a, b]) => `${a.scope}: ${a.id} / ${b.id} on ${a.chord}`),
    [],
  );
});

test("the clash check sees an override that takes another key of its scope; the card's own keys cannot be taken", () => {
  const map = resolveKeymap({ hangup: 'F8' }); // the operator's choice, F8 is also "safe transfer"
  assert.deepEqual(
    clashes(keyBindings(map)).map(([a, b]) => [a.id, b.id].sort().join('/')),
    ['hangup/safe'],
  );
  const card = resolveKeymap({ absence: 'Alt+n', pickup: 'Alt+o' });
  assert.deepEqual(clashes(keyBindings(card)), [], 'Alt+N and Alt+O stay the card’s notice and hours keys');
  assert.equal(card.absence, DEFAULT_KEYMAP.absence);
});

test('a dialog is asked first: Escape closes it and does not cancel the transfer', () => {
  const { layer, ran, handlers } = recorder();
  layer.register({ scope: 'global', owner: 'console', handlers: handlers('g', ['cancel', 'answer']) });
  layer.register({ scope: 'dialog', owner: 'message', handlers: handlers('pad', ['dialog.close', 'message.send']) });
  const esc = press('Escape');
  assert.equal(layer.dispatch(esc), true);
  assert.deepEqual(ran, ['pad:dialog.close']);
  assert.ok(esc.prevented && esc.stopped);
});

test('typing in a dialog stays text; function keys still reach the call keys', () => {
  const { layer, ran, handlers } = recorder();
  layer.register({ scope: 'global', owner: 'console', handlers: handlers('g', ['answer', 'dial', 'retrieve1']) });
  layer.register({ scope: 'mode', owner: 'dtmf', handlers: handlers('dtmf', ['dtmf.digit']) });
  layer.register({ scope: 'dialog', owner: 'message', handlers: handlers('pad', ['dialog.close']) });
  const enter = press('Enter');
  assert.equal(layer.dispatch(enter), false, 'Enter is the field’s');
  assert.equal(enter.prevented, false, 'and keeps its default');
  assert.equal(layer.dispatch(press('5')), false, 'a digit is text, not a touch-tone');
  assert.equal(layer.dispatch(press('1', { ctrlKey: true })), false, 'Control+1 does not retrieve a parked call');
  assert.equal(layer.dispatch(press('F2')), true);
  assert.deepEqual(ran, ['g:answer']);
});

test('only the topmost dialog is asked', () => {
  const { layer, ran, handlers } = recorder();
  layer.register({ scope: 'dialog', owner: 'help', handlers: handlers('help', ['dialog.close']) });
  const off = layer.register({ scope: 'dialog', owner: 'absence', handlers: handlers('absence', ['dialog.close', 'absence.save']) });
  layer.dispatch(press('Escape'));
  off();
  layer.dispatch(press('Escape'));
  assert.deepEqual(ran, ['absence:dialog.close', 'help:dialog.close']);
});

test('a handler that declines passes the key on: Escape with no transfer falls to the field', () => {
  const { layer, ran, handlers } = recorder();
  layer.register({ scope: 'global', owner: 'console', handlers: handlers('g', ['cancel'], false) });
  const esc = press('Escape');
  assert.equal(layer.dispatch(esc), false);
  assert.deepEqual(ran, ['g:cancel']);
  assert.equal(esc.prevented, false);
});

test('touch-tone mode precedes the call keys; the card precedes them too', () => {
  const { layer, ran, handlers } = recorder();
  layer.register({ scope: 'global', owner: 'console', handlers: handlers('g', ['cancel', 'absence']) });
  layer.register({ scope: 'mode', owner: 'dtmf', handlers: handlers('dtmf', ['dtmf.end', 'dtmf.digit']) });
  layer.register({ scope: 'card', owner: 'card', handlers: handlers('card', ['absence', 'card.copy1']) });
  layer.dispatch(press('Escape'));
  layer.dispatch(press('#', { shiftKey: true }));
  layer.dispatch(press('f', { altKey: true }));
  layer.dispatch(press('¡', { altKey: true, code: 'Digit1' })); // Alt+1 on a layout that types ¡
  assert.deepEqual(ran, ['dtmf:dtmf.end', 'dtmf:dtmf.digit', 'card:absence', 'card:card.copy1']);
});

test('the results list is asked last and only from its own field: Enter on a typed number dials', () => {
  const field = { id: 'search' };
  const { layer, ran, handlers } = recorder();
  let typedNumber = true;
  layer.register({ scope: 'list', owner: 'search', handlers: handlers('list', ['list.open', 'list.next']), accepts: (t) => t === field });
  layer.register({ scope: 'global', owner: 'console', handlers: { dial: () => (ran.push('g:dial'), typedNumber) } });
  layer.dispatch(press('Enter', { target: field }));
  typedNumber = false;
  layer.dispatch(press('Enter', { target: field }));
  layer.dispatch(press('ArrowDown', { target: { id: 'elsewhere' } }));
  layer.dispatch(press('ArrowDown', { target: field }));
  assert.deepEqual(ran, ['g:dial', 'g:dial', 'list:list.open', 'list:list.next']);
});

test('a held call key acts once; a held arrow repeats', () => {
  const field = {};
  const { layer, ran, handlers } = recorder();
  layer.register({ scope: 'global', owner: 'console', handlers: handlers('g', ['hold']) });
  layer.register({ scope: 'list', owner: 'search', handlers: handlers('list', ['list.next']), accepts: (t) => t === field });
  const held = press('F3', { repeat: true });
  assert.equal(layer.dispatch(held), true);
  assert.ok(held.prevented, 'the browser never sees the repeat');
  layer.dispatch(press('ArrowDown', { repeat: true, target: field }));
  assert.deepEqual(ran, ['list:list.next']);
});

test('the layer listens once on its target and stops when detached', () => {
  const layer = createKeyLayer(DEFAULT_KEYMAP);
  let answered = 0;
  layer.register({ scope: 'global', owner: 'console', handlers: { answer: () => (answered++, true) } });
  const target = new EventTarget();
  const detach = layer.attach(target);
  const fire = () => {
    const e = Object.assign(new Event('keydown'), { key: 'F2', ctrlKey: false, altKey: false, shiftKey: false, metaKey: false });
    target.dispatchEvent(e);
  };
  fire();
  detach();
  fire();
  assert.equal(answered, 1);
});
