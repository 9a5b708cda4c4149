/**
 * The server owns time (ARCHITECTURE invariant 3): countdowns and the rules checked in the browser use the server's
 * clock, known as an offset from the browser's. The offset is learnt from any answer that carries the server's time
 * (`/api/health`, a public auction's `serverNow`).
 */
import { useEffect, useState } from 'react';
import { publicApi } from '../auction-api';

let offsetMs: number | null = null;
let pending: Promise<number> | null = null;
const listeners = new Set<() => void>();

/** Records the server's time as seen now (from an answer that just arrived). */
export function learnServerTime(serverIso: string): void {
  const t = Date.parse(serverIso);
  if (Number.isNaN(t)) return;
  offsetMs = t - Date.now();
  listeners.forEach((l) => l());
}

/** Records an offset estimated elsewhere (the live auction room's filtered estimate, lib/live-auction.ts). */
export function learnServerOffset(ms: number): void {
  if (!Number.isFinite(ms) || ms === offsetMs) return;
  offsetMs = ms;
  listeners.forEach((l) => l());
}

/** The server's now, by the last offset learnt (the browser's clock until one is). */
export function serverNow(): Date {
  return new Date(Date.now() + (offsetMs ?? 0));
}

function syncOnce(): Promise<number> {
  pending ??= publicApi.serverTime().then(
    (iso) => {
      learnServerTime(iso);
      return offsetMs ?? 0;
    },
    (e: unknown) => {
      pending = null;
      throw e;
    },
  );
  return pending;
}

/** Whether the offset is known; asks the server once per page load. */
export function useServerClock(): { ready: boolean; error: unknown } {
  const [ready, setReady] = useState(offsetMs !== null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const l = () => setReady(true);
    listeners.add(l);
    if (offsetMs === null) syncOnce().catch((e: unknown) => setError(e));
    return () => {
      listeners.delete(l);
    };
  }, []);
  return { ready, error };
}

/** The server's now, re-rendered every `ms` milliseconds (for countdowns). */
export function useServerNow(ms = 1000): Date {
  const [now, setNow] = useState(serverNow);
  useEffect(() => {
    const timer = setInterval(() => setNow(serverNow()), ms);
    const l = () => setNow(serverNow());
    listeners.add(l);
    return () => {
      clearInterval(timer);
      listeners.delete(l);
    };
  }, [ms]);
  return now;
}

const CST_MS = 8 * 3_600_000;

/** An instant as the value of an <input type="datetime-local"> in Beijing time ("2026-12-01T10:00"). */
export function toBeijingInput(iso: string | Date): string {
  const ms = typeof iso === 'string' ? Date.parse(iso) : iso.getTime();
  if (Number.isNaN(ms)) return '';
  return new Date(ms + CST_MS).toISOString().slice(0, 16);
}

/** The value of an <input type="datetime-local"> read as Beijing time, as an ISO instant; null when incomplete. */
export function fromBeijingInput(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const ms = Date.parse(`${value}:00.000+08:00`);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** The ISO instant of 00:00 Beijing time on a date picked in an <input type="date">, or null. */
export function beijingDayStart(day: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  return new Date(`${day}T00:00:00.000+08:00`).toISOString();
}

/** The last millisecond of a Beijing day picked in an <input type="date">, or null. */
export function beijingDayEnd(day: string): string | null {
  const start = beijingDayStart(day);
  return start ? new Date(Date.parse(start) + 86_400_000 - 1).toISOString() : null;
}
