import { WriteSet } from './write-set.js';

describe('WriteSet: the coalesced writes of one batch', () => {
  it('keeps the last value of a field and drops writes superseded in the batch', () => {
    const writes = new WriteSet();
    writes.hset('q:waiting', 'c1', 'a');
    writes.hset('q:waiting', 'c2', 'b');
    writes.hset('q:waiting', 'c1', 'a2');
    writes.hdel('q:waiting', 'c2');
    expect(writes.commands()).toEqual([
      ['HSET', 'q:waiting', 'c1', 'a2'],
      ['HDEL', 'q:waiting', 'c2'],
    ]);
  });

  it('adds up increments of the same counter into one HINCRBY', () => {
    const writes = new WriteSet();
    writes.hincrBy('kpi:m:1', 'answered', 1);
    writes.hincrBy('kpi:m:1', 'answered', 1);
    writes.hincrBy('kpi:m:1', 'timedOut', 1);
    writes.hincrBy('kpi:m:1', 'timedOut', -1);
    writes.expireAt('kpi:m:1', 1000);
    expect(writes.commands()).toEqual([
      ['HINCRBY', 'kpi:m:1', 'answered', '2'],
      ['HINCRBY', 'kpi:m:1', 'timedOut', '0'],
      ['PEXPIREAT', 'kpi:m:1', '1000'],
    ]);
  });

  it('a deleted key is written afresh: DEL first, then only the fields set since', () => {
    const writes = new WriteSet();
    writes.hset('members', 'a', '1');
    writes.del('members');
    writes.hset('members', 'b', '2');
    writes.hdel('members', 'c');
    writes.hincrBy('members', 'n', 3);
    expect(writes.commands()).toEqual([
      ['DEL', 'members'],
      ['HSET', 'members', 'b', '2', 'n', '3'],
    ]);
  });

  it('an increment after a set on the same field becomes an absolute value', () => {
    const writes = new WriteSet();
    writes.hset('h', 'x', '5');
    writes.hincrBy('h', 'x', 2);
    expect(writes.commands()).toEqual([['HSET', 'h', 'x', '7']]);
  });

  it('splits very wide HSETs so the apply script never unpacks more than Lua allows', () => {
    const writes = new WriteSet();
    for (let i = 0; i < 1200; i++) writes.hset('wide', `f${i}`, 'v');
    const commands = writes.commands();
    expect(commands.map((c) => c.length)).toEqual([2 + 1000, 2 + 1000, 2 + 400]);
    expect(writes.isEmpty()).toBe(false);
    expect(new WriteSet().commands()).toEqual([]);
  });
});
