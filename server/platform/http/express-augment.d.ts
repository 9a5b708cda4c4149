import type { Actor } from '../actor';

declare global {
  namespace Express {
    interface Request {
      /** Set by the session middleware when the request carries a valid session. */
      actor?: Actor;
      /** SHA-256 of the session token the request came with. */
      sessionTokenHash?: string;
    }
  }
}

export {};
