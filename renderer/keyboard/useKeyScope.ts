// Registers a component's key handlers with the console's key layer while it is mounted (and
// `active`). Registered once per mount, so the order of registrations is the order of mounting;
// the handlers themselves are read fresh on every key (they may close over the latest state).
import { useEffect, useRef } from 'react';
import { useConsole } from '../console-context';
import type { BindingId, Scope } from './bindings';
import type { KeyHandler } from './key-layer';

export function useKeyScope(scope: Scope, owner: string, handlers: Partial<Record<BindingId, KeyHandler>>, options: { active?: boolean; accepts?: (target: unknown) => boolean } = {}): void {
  const { keys } = useConsole();
  const latest = useRef({ handlers, accepts: options.accepts });
  latest.current = { handlers, accepts: options.accepts };
  const active = options.active ?? true;
  const ids = Object.keys(handlers).sort().join(',');
  useEffect(() => {
    if (!active) return;
    const proxied: Partial<Record<BindingId, KeyHandler>> = {};
    for (const id of ids.split(',') as BindingId[]) proxied[id] = (e) => latest.current.handlers[id]?.(e) ?? false;
    return keys.register({ scope, owner, handlers: proxied, accepts: (t) => latest.current.accepts?.(t) ?? true });
  }, [keys, scope, owner, active, ids]);
}
