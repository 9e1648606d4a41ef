import { useCallback, useRef, useState } from 'react';
import { KEYS, type KeyEvent, type LatchModifier } from './keys';

export interface LatchedModifiers {
  latched: ReadonlySet<LatchModifier>;
  /** Press a modifier (it stays down) or release it if it is down. */
  toggle: (modifier: LatchModifier) => void;
  /** Release every latched modifier: call after the next key went to the guest. */
  release: () => void;
}

/** Modifiers that stay pressed in the guest until the next key, as on oVirt-style consoles. */
export const useLatchedModifiers = (send: (event: KeyEvent) => void): LatchedModifiers => {
  const [latched, setLatched] = useState<ReadonlySet<LatchModifier>>(new Set());
  const current = useRef(latched);
  const update = (next: ReadonlySet<LatchModifier>) => {
    current.current = next;
    setLatched(next);
  };

  const toggle = useCallback(
    (modifier: LatchModifier) => {
      const next = new Set(current.current);
      const down = !next.has(modifier);
      send({ key: KEYS[modifier], down });
      if (down) next.add(modifier);
      else next.delete(modifier);
      update(next);
    },
    [send],
  );

  const release = useCallback(() => {
    if (!current.current.size) return;
    [...current.current]
      .reverse()
      .forEach((modifier) => send({ key: KEYS[modifier], down: false }));
    update(new Set());
  }, [send]);

  return { latched, toggle, release };
};
