/**
 * "Now" for countdowns. Panels read the time through useNow(); tests and the render harness pin it with
 * <ClockProvider now={...}> so a countdown shows a known value, while Grafana gets the wall clock ticking.
 */
import React, { createContext, ReactNode, useContext, useEffect, useMemo, useState } from 'react';

export interface Clock {
  now(): number;
  /** re-render every `tickMs` (0 = never: a fixed clock) */
  tickMs: number;
}

const wallClock: Clock = { now: () => Date.now(), tickMs: 1000 };
const ClockContext = createContext<Clock>(wallClock);

export function ClockProvider({ now, tickMs = 0, children }: { now: number | (() => number); tickMs?: number; children: ReactNode }) {
  const clock = useMemo<Clock>(() => ({ now: typeof now === 'number' ? () => now : now, tickMs }), [now, tickMs]);
  return <ClockContext.Provider value={clock}>{children}</ClockContext.Provider>;
}

/** The current time in epoch ms, re-rendering every tick of the clock in context. */
export function useNow(): number {
  const clock = useContext(ClockContext);
  // the tick only forces a re-render; the time itself is read from the clock on every render
  const [, setTick] = useState(0);
  useEffect(() => {
    if (clock.tickMs <= 0) {
      return undefined;
    }
    const timer = setInterval(() => setTick((t) => t + 1), clock.tickMs);
    return () => clearInterval(timer);
  }, [clock]);
  return clock.now();
}
