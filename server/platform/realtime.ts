/**
 * socket.io on the same HTTP server. The handshake authenticates with the session token (auth.token, or the session
 * cookie); each user joins a personal room `user:<id>`, and their court's or institution's room. With REDIS_URL set, the Redis adapter lets several processes
 * serve together: an event emitted on one reaches sockets connected to any.
 */
import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import { Server, type Namespace, type Socket } from 'socket.io';
import type { Actor } from './actor';
import type { Logger } from './logger';

export interface Realtime {
  /** Sends to every socket of one user, on every process. Call only after the change has committed. */
  toUser(userId: string, event: string, payload: unknown): void;
  /** Sends to a room, on every process. */
  toRoom(room: string, event: string, payload: unknown): void;
  /** Sends to a room of the public namespace (no login needed; e.g. `auction:<id>`), on every process. */
  toPublic(room: string, event: string, payload: unknown): void;
}

export interface RealtimeServer extends Realtime {
  io: Server;
  /** The public namespace: anyone may connect; `socket.data.actor` is the signed-in user, or null. */
  publicNs: Namespace;
  close(): Promise<void>;
}

export type SocketAuthenticator = (token: string) => Promise<Actor | null>;

const cookieToken = (cookie: string | undefined, name: string): string | undefined =>
  cookie
    ?.split(';')
    .map((c) => c.trim())
    .find((c) => c.startsWith(`${name}=`))
    ?.slice(name.length + 1);

/** A token with broken percent-encoding is simply not a token (refused as unauthenticated, not an error). */
function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return '';
  }
}

export async function attachRealtime(
  http: HttpServer,
  options: {
    authenticate: SocketAuthenticator;
    redisUrl?: string | undefined;
    logger: Logger;
    cookieName: string;
    /** The public namespace's name (default `/public`). */
    publicNamespace?: string;
    /** Which rooms of the public namespace anyone may watch (e.g. a published auction's); none when absent. */
    publicRoom?: (room: string) => boolean;
  },
): Promise<RealtimeServer> {
  const io = new Server(http, {
    serveClient: false,
    // A client that drops briefly gets the events it missed replayed on reconnection.
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: false },
  });
  let redis: Redis[] = [];
  if (options.redisUrl) {
    const pub = new Redis(options.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 3 });
    const sub = pub.duplicate();
    await Promise.all([pub.connect(), sub.connect()]);
    io.adapter(createAdapter(pub, sub, { key: 'zhixing' }));
    redis = [pub, sub];
    options.logger.info('socket.io uses the Redis adapter');
  }

  const actorOf = async (socket: Socket): Promise<Actor | null> => {
    const auth = socket.handshake.auth as { token?: unknown };
    const token = typeof auth?.token === 'string' ? auth.token : cookieToken(socket.handshake.headers.cookie, options.cookieName);
    return token ? await options.authenticate(safeDecode(token)) : null;
  };
  io.use(async (socket: Socket, next) => {
    try {
      const actor = await actorOf(socket);
      if (!actor) return next(Object.assign(new Error('UNAUTHENTICATED'), { data: { code: 'UNAUTHENTICATED', message: '请先登录 / Sign in first' } }));
      socket.data.actor = actor;
      next();
    } catch (err) {
      next(err as Error);
    }
  });

  io.on('connection', (socket) => {
    const actor = socket.data.actor as Actor;
    // Rooms: the user's own, their court's (judges, clerks), their institution's (operators: the inbox's live arrivals).
    if (actor.userId) void socket.join(`user:${actor.userId}`);
    if (actor.courtId) void socket.join(`court:${actor.courtId}`);
    if (actor.institutionId) void socket.join(`institution:${actor.institutionId}`);
    socket.emit('hello', { userId: actor.userId, role: actor.role });
  });

  // The public namespace needs no login: anyone may watch the rooms `publicRoom` allows (a public auction page) by
  // sending `watch` with the room's name, and leave with `unwatch`. Only public data is ever sent there. A signed-in
  // user is known there too (`socket.data.actor`), for the modules that take actions on it (a bidder's bids).
  const publicNs = io.of(options.publicNamespace ?? '/public');
  publicNs.use(async (socket, next) => {
    try {
      socket.data.actor = await actorOf(socket);
      next();
    } catch (err) {
      next(err as Error);
    }
  });
  const MAX_WATCHED = 50;
  publicNs.on('connection', (socket) => {
    socket.on('watch', (room: unknown, ack?: unknown) => {
      const reply = typeof ack === 'function' ? (ack as (r: unknown) => void) : () => undefined;
      if (typeof room !== 'string' || !options.publicRoom?.(room)) return reply({ ok: false, error: { code: 'NOT_FOUND', message: '没有该公开频道 / No such public room' } });
      if (socket.rooms.size > MAX_WATCHED) return reply({ ok: false, error: { code: 'TOO_MANY_ROOMS', message: `最多同时关注${MAX_WATCHED}个频道 / At most ${MAX_WATCHED} rooms at once` } });
      void socket.join(room);
      reply({ ok: true });
    });
    socket.on('unwatch', (room: unknown, ack?: unknown) => {
      if (typeof room === 'string') void socket.leave(room);
      if (typeof ack === 'function') (ack as (r: unknown) => void)({ ok: true });
    });
  });

  return {
    io,
    publicNs,
    toUser: (userId, event, payload) => void io.to(`user:${userId}`).emit(event, payload),
    toRoom: (room, event, payload) => void io.to(room).emit(event, payload),
    toPublic: (room, event, payload) => void publicNs.to(room).emit(event, payload),
    close: async () => {
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await Promise.all(redis.map((r) => r.quit().catch(() => undefined)));
    },
  };
}
