import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { BANK_CODE, PaymentNotification } from '../../shared/bank-protocol';
import { FakeClock } from '../../server/platform/clock';
import { institutionKey, verifySignature } from '../../server/platform/signing';
import { GatewayError, HttpPaymentGateway } from '../../server/modules/payments';
import { startSimulator, type Simulator } from '../../server/sim/server';
import { NETWORK_SECRET, silentLogger } from './sim-helpers';

describe('sim/bank (the PaymentGateway\'s other side)', () => {
  let clock: FakeClock;
  let sim: Simulator;
  let gateway: HttpPaymentGateway;
  let receiver: http.Server;
  let notifyUrl: string;
  const received: unknown[] = [];

  beforeEach(async () => {
    clock = new FakeClock('2026-11-25T08:00:00.000Z');
    sim = await startSimulator({ networkSecret: NETWORK_SECRET, latency: { scale: 0 }, faults: false, clock: () => clock.now(), logger: silentLogger });
    gateway = new HttpPaymentGateway({ bankUrl: `${sim.url}/bank`, networkSecret: NETWORK_SECRET, clock });
    received.length = 0;
    receiver = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"ok":true}');
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    notifyUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/notify`;
  });
  afterEach(async () => {
    await sim.close();
    await new Promise((r) => receiver.close(r));
  });

  const open = (paymentId = randomUUID(), amount = '70000.00') => gateway.createPayment({ paymentId, amount, description: '竞买保证金', payerName: '孙志强', notifyUrl });

  it('when a payment is opened twice with the same id, then it is one payment; another amount under that id is refused', async () => {
    const id = randomUUID();
    const a = await open(id);
    const b = await open(id);
    expect(a).to.deep.equal(b);
    expect(a.status).to.equal('pending');
    try {
      await open(id, '1.00');
      expect.fail('opened twice');
    } catch (err) {
      expect(err).to.be.instanceOf(GatewayError);
      expect((err as GatewayError).status).to.equal(409);
    }
  });

  it('when the payer pays, then the bank sends one signed notification before answering; paying again charges nothing', async () => {
    const { paymentId } = await open();
    const paid = await fetch(`${sim.url}/bank/payments/${paymentId}/pay`, { method: 'POST' });
    expect(((await paid.json()) as { notified: boolean }).notified).to.equal(true);
    expect(received).to.have.length(1);
    const n = PaymentNotification.parse(received[0]);
    expect(n).to.include({ paymentId, amount: '70000.00', status: 'paid', bank: BANK_CODE });
    expect(verifySignature(institutionKey(NETWORK_SECRET, BANK_CODE), received[0] as Record<string, unknown>)).to.equal(true);
    expect(gateway.verifyNotification(received[0])).to.include({ paymentId, amount: '70000.00' });
    expect(gateway.verifyNotification({ ...(received[0] as object), amount: '1.00' })).to.equal(null);
    const again = await fetch(`${sim.url}/bank/payments/${paymentId}/pay`, { method: 'POST' });
    expect(again.status).to.equal(409);
    expect(received).to.have.length(1);
  });

  it('when a refund is sent twice with the same id, then the money goes back once, never more than was paid', async () => {
    const { paymentId } = await open();
    await fetch(`${sim.url}/bank/payments/${paymentId}/pay`, { method: 'POST' });
    const refundId = randomUUID();
    const first = await gateway.refund({ refundId, paymentId, amount: '70000.00', reason: '未竞得' });
    const second = await gateway.refund({ refundId, paymentId, amount: '70000.00', reason: '未竞得' });
    expect(second).to.deep.equal(first);
    try {
      await gateway.refund({ refundId: randomUUID(), paymentId, amount: '0.01', reason: '再退' });
      expect.fail('refunded more than paid');
    } catch (err) {
      expect((err as GatewayError).status).to.equal(409);
    }
  });

  it('when a request is not signed with the bank\'s key, then the bank refuses it', async () => {
    const forged = new HttpPaymentGateway({ bankUrl: `${sim.url}/bank`, networkSecret: 'another-secret', clock });
    try {
      await forged.createPayment({ paymentId: randomUUID(), amount: '1.00', description: 'x', payerName: 'x', notifyUrl });
      expect.fail('accepted a forged request');
    } catch (err) {
      expect(err).to.be.instanceOf(GatewayError);
      expect((err as GatewayError).status).to.equal(401);
    }
  });
});
