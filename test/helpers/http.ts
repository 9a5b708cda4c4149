import request from 'supertest';
import { DEMO_PASSWORD } from '../../server/modules/demo';

/** Signs in and returns the session token. */
export async function tokenFor(url: string, username: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await request(url).post('/api/auth/login').send({ username, password });
  if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.token as string;
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
