/**
 * The live channel (socket.io on the same origin). One connection per signed-in user, opened after login and closed
 * at logout; the session cookie authenticates the handshake. Pages subscribe to events with `useRealtimeEvent` and
 * fall back to polling while `useRealtimeConnected()` is false.
 */
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { io, type Socket } from 'socket.io-client';
import { useAuth } from './auth';

export type LinkStatus = 'connecting' | 'live' | 'down';

interface RealtimeState {
  socket: Socket | null;
  status: LinkStatus;
}

const RealtimeContext = createContext<RealtimeState>({ socket: null, status: 'connecting' });

export function RealtimeProvider({ children }: { children: ReactNode }) {
  const { user } = useAuth();
  const userId = user?.id ?? null;
  const [state, setState] = useState<RealtimeState>({ socket: null, status: 'connecting' });

  useEffect(() => {
    if (!userId) return;
    const socket = io({ withCredentials: true });
    socket.on('connect', () => setState({ socket, status: 'live' }));
    socket.on('disconnect', () => setState({ socket, status: 'down' }));
    socket.on('connect_error', () => setState({ socket, status: 'down' }));
    setState({ socket, status: socket.connected ? 'live' : 'connecting' });
    return () => {
      socket.off();
      socket.disconnect();
      setState({ socket: null, status: 'connecting' });
    };
  }, [userId]);

  return <RealtimeContext.Provider value={state}>{children}</RealtimeContext.Provider>;
}

/** Whether live events are arriving; when false, pages poll instead. */
export function useRealtimeConnected(): boolean {
  return useContext(RealtimeContext).status === 'live';
}

/** 'connecting' until the first answer, then 'live', or 'down' after a failure (until it reconnects). */
export function useRealtimeStatus(): LinkStatus {
  return useContext(RealtimeContext).status;
}

/** Calls `handler` for each `event` pushed to this user while the component is mounted. */
export function useRealtimeEvent<T>(event: string, handler: (payload: T) => void): void {
  const { socket } = useContext(RealtimeContext);
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => {
    if (!socket) return;
    const listener = (payload: T) => latest.current(payload);
    socket.on(event, listener);
    return () => {
      socket.off(event, listener);
    };
  }, [socket, event]);
}

/** Runs `tick` every `ms` milliseconds while `active` (not at once). */
export function useInterval(tick: () => void, ms: number, active: boolean): void {
  const latest = useRef(tick);
  useEffect(() => {
    latest.current = tick;
  });
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => latest.current(), ms);
    return () => clearInterval(timer);
  }, [ms, active]);
}
