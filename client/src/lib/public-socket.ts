/**
 * The public live channel: socket.io namespace `/public`, no login. A page watches one room (`auction:<id>`) and gets
 * the public view of the auction pushed as `auction.updated` after every change.
 */
import { useEffect, useRef, useState } from 'react';
import { io } from 'socket.io-client';
import type { LinkStatus } from '../realtime';

/** Watches `room` while mounted; calls `onEvent` for each `event` pushed there. Returns the link's state. */
export function usePublicRoom<T>(room: string | null, event: string, onEvent: (payload: T) => void): LinkStatus {
  const [status, setStatus] = useState<LinkStatus>('connecting');
  const latest = useRef(onEvent);
  useEffect(() => {
    latest.current = onEvent;
  });
  useEffect(() => {
    if (!room) return;
    const socket = io('/auctions', { forceNew: true });
    // Join (again) on every connection: a reconnected socket has left its rooms.
    socket.on('connect', () => {
      socket.emit('watch', room, (reply: { ok?: boolean } | undefined) => setStatus(reply?.ok ? 'live' : 'down'));
    });
    socket.on('disconnect', () => setStatus('down'));
    socket.on('connect_error', () => setStatus('down'));
    socket.on(event, (payload: T) => latest.current(payload));
    return () => {
      socket.off();
      socket.disconnect();
    };
  }, [room, event]);
  return status;
}
