/**
 * The live channel (socket.io on the same origin). One connection per signed-in user, opened after login and closed
 * at logout; the session cookie authenticates the handshake. Pages subscribe to events with `useRealtimeEvent` and
 * fall back to polling while `useRealtimeConnected()` is false.
 */
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { io, type Socket } from 'socket.io-client';
import { useAuth } from './auth';

interface RealtimeState {
  socket: Socket | null;
  connected: boolean;
}

const RealtimeContext = createContext<RealtimeState>({ socket: null, connected: false });

export function RealtimeProvider({ children }: { children: ReactNode }) {
  const { user } = useAuth();
  const userId = user?.id ?? null;
  const [state, setState] = useState<RealtimeState>({ socket: null, connected: false });

  useEffect(() => {
    if (!userId) return;
    const socket = io({ withCredentials: true });
    const update = () => setState({ socket, connected: socket.connected });
    socket.on('connect', update);
    socket.on('disconnect', update);
    socket.on('connect_error', update);
    setState({ socket, connected: socket.connected });
    return () => {
      socket.off();
      socket.disconnect();
      setState({ socket: null, connected: false });
    };
  }, [userId]);

  return <RealtimeContext.Provider value={state}>{children}</RealtimeContext.Provider>;
}

/** Whether live events are arriving; when false, pages poll instead. */
export function useRealtimeConnected(): boolean {
  return useContext(RealtimeContext).connected;
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
