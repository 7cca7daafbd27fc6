/**
 * "Now" for countdowns. Panels read the time through useNow(); tests and the render harness pin it with
 * <ClockProvider now={...}> so a countdown shows a known value, while Grafana gets the wall clock ticking.
 */
import React, { createContext, ReactNode, useContext, useEffect, useState } from 'react';

export interface Clock {
  now(): number;
  /** re-render every `tickMs` (0 = never: a fixed clock) */
  tickMs: number;
}

const wallClock: Clock = { now: () => Date.now(), tickMs: 1000 };
const ClockContext = createContext<Clock>(wallClock);

export function ClockProvider({ now, tickMs = 0, children }: { now: number | (() => number); tickMs?: number; children: ReactNode }) {
  const clock: Clock = { now: typeof now === 'number' ? () => now : now, tickMs };
  return <ClockContext.Provider value={clock}>{children}</ClockContext.Provider>;
}

/** The current time in epoch ms, re-rendering every tick of the clock in context. */
export function useNow(): number {
  const clock = useContext(ClockContext);
  const [now, setNow] = useState(() => clock.now());
  useEffect(() => {
    setNow(clock.now());
    if (clock.tickMs <= 0) {
      return undefined;
    }
    const timer = setInterval(() => setNow(clock.now()), clock.tickMs);
    return () => clearInterval(timer);
  }, [clock]);
  return now;
}
