import { expect } from 'chai';
import type { Response } from 'supertest';

/**
 * Asserts the one body every failure has: exactly `{ error: { code, message[, details] } }`, served as JSON, with a
 * stable upper-case code and a message a person can read.
 */
export function expectErrorBody(res: Response, status?: number, code?: string): void {
  const context = `${res.status} ${JSON.stringify(res.body)?.slice(0, 300)}`;
  if (status !== undefined) expect(res.status, context).to.equal(status);
  expect(res.headers['content-type'], context).to.match(/^application\/json/);
  expect(res.body, context).to.be.an('object');
  expect(Object.keys(res.body), context).to.deep.equal(['error']);
  const error = res.body.error as Record<string, unknown>;
  expect(error, context).to.be.an('object');
  const keys = Object.keys(error);
  expect(keys, context).to.include.members(['code', 'message']);
  expect(keys.every((k) => ['code', 'message', 'details'].includes(k)), context).to.equal(true);
  expect(error.code, context).to.be.a('string').and.match(/^[A-Z][A-Z_]+$/);
  expect(error.message, context).to.be.a('string').and.have.length.greaterThan(3);
  if (code !== undefined) expect(error.code, context).to.equal(code);
}
