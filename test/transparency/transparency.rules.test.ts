import { expect } from 'chai';
import fc from 'fast-check';
import { partyStep, PARTY_STEPS } from '../../server/modules/transparency/party-view.rules';
import { CODE_ALPHABET, codeFromBytes, hashCode, lockDurationMs, normaliseCode } from '../../server/modules/transparency/query-code.rules';
import { deadlinesFor, dueAt, overdueSteps, remindAt } from '../../server/modules/petitions/petition.rules';

const DAY = 86_400_000;

describe('query code rules', () => {
  it('makes 12 letters of the look-alike-free alphabet in three groups of four, from any random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (bytes) => {
        const code = codeFromBytes(bytes);
        if (code === null) return; // too many rejected bytes: the caller draws again
        expect(code).to.match(new RegExp(`^[${CODE_ALPHABET}]{4}-[${CODE_ALPHABET}]{4}-[${CODE_ALPHABET}]{4}$`));
        expect(code).to.not.match(/[01OIL]/);
      }),
    );
  });

  it('hashes what a person typed the same way whatever the case or dashes, and differently per case', () => {
    expect(normaliseCode(' k7qm-4xtr 9pzd ')).to.equal('K7QM4XTR9PZD');
    const a = hashCode('s', 'case-1', 'K7QM-4XTR-9PZD');
    expect(hashCode('s', 'case-1', 'k7qm4xtr9pzd')).to.equal(a);
    expect(hashCode('s', 'case-2', 'K7QM-4XTR-9PZD')).to.not.equal(a);
    expect(hashCode('t', 'case-1', 'K7QM-4XTR-9PZD')).to.not.equal(a);
    expect(a).to.not.include('K7QM');
  });

  it('locks a case number after 5 free failures and an address after 20, for 1 minute doubling up to 1 hour', () => {
    expect(lockDurationMs(4, 'case')).to.equal(0);
    expect(lockDurationMs(5, 'case')).to.equal(60_000);
    expect(lockDurationMs(6, 'case')).to.equal(120_000);
    expect(lockDurationMs(50, 'case')).to.equal(3_600_000);
    expect(lockDurationMs(19, 'ip')).to.equal(0);
    expect(lockDurationMs(20, 'ip')).to.equal(60_000);
  });
});

describe('what of the timeline a party sees', () => {
  const names = (code: string) => (code === 'B001' ? '工商银行' : undefined);

  it('keeps no step that is not listed, and of a listed step only its listed fields', () => {
    expect(partyStep('auth.login', { address: '1.2.3.4' }, names)).to.equal(null);
    expect(partyStep('deduction.requested', { amount: '1.00' }, names)).to.equal(null);
    expect(partyStep('petition.overdue', { step: 'assign' }, names)).to.equal(null);
    expect(partyStep('auction.sold', { round: 1, price: '500000.00', bidderCode: 'A1234', endedAt: '2026-12-01T00:00:00.000Z' }, names)).to.deep.equal({
      round: 1,
      price: '500000.00',
      endedAt: '2026-12-01T00:00:00.000Z',
    });
    expect(partyStep('ledger.payout', { amount: '100.00', payee: '张三', payeeAccount: '6222…', memo: 'internal' }, names)).to.deep.equal({ amount: '100.00' });
    expect(partyStep('measure.freeze_ordered', { institution: 'B001', asset: '6222020200001234', debtor: '李四', requestedAmount: '10.00', indivisibleReason: 'note' }, names)).to.deep.equal({
      institutionName: '工商银行',
      requestedAmount: '10.00',
    });
  });

  it('never lists a field that names a person, an account or a note', () => {
    const forbidden = ['debtor', 'asset', 'payee', 'payeeAccount', 'memo', 'reason', 'bidderCode', 'buyerName', 'petitionerName', 'assigneeName', 'content', 'answer', 'indivisibleReason'];
    for (const [action, fields] of Object.entries(PARTY_STEPS)) {
      for (const f of fields) expect(forbidden, `${action}.${f}`).to.not.include(f);
    }
  });
});

describe('petition deadlines (platform policy)', () => {
  const received = new Date('2026-11-25T08:00:00.000Z');
  const { assignDueAt, answerDueAt } = deadlinesFor(received);

  it('gives 3 days to assign and 15 days to answer, from receipt, with reminders 1 and 3 days before', () => {
    expect(assignDueAt.getTime() - received.getTime()).to.equal(3 * DAY);
    expect(answerDueAt.getTime() - received.getTime()).to.equal(15 * DAY);
    expect(remindAt('assign', assignDueAt).getTime()).to.equal(received.getTime() + 2 * DAY);
    expect(remindAt('answer', answerDueAt).getTime()).to.equal(received.getTime() + 12 * DAY);
  });

  it('counts a step done exactly at its deadline as on time, and one a millisecond later as overdue', () => {
    const base = { assignDueAt, answerDueAt, answeredAt: null };
    expect(overdueSteps({ ...base, status: 'assigned', assignedAt: assignDueAt }, assignDueAt)).to.deep.equal([]);
    expect(overdueSteps({ ...base, status: 'assigned', assignedAt: new Date(assignDueAt.getTime() + 1) }, assignDueAt)).to.deep.equal(['assign']);
    expect(overdueSteps({ ...base, status: 'received', assignedAt: null }, new Date(answerDueAt.getTime() + 1))).to.deep.equal(['assign', 'answer']);
    expect(dueAt({ ...base, status: 'received', assignedAt: null })).to.equal(assignDueAt);
    expect(dueAt({ ...base, status: 'assigned', assignedAt: received })).to.equal(answerDueAt);
    expect(dueAt({ ...base, status: 'answered', assignedAt: received })).to.equal(null);
  });
});
