import { MAX_KEPT_WEIGHT, SHARE_MS, SharedAnswers } from '../../../src/backend/shared-answers';

/** A computation the test finishes by hand, counting how often it started and whether it was aborted. */
function manual() {
  const calls: Array<{ signal: AbortSignal; resolve: (v: string) => void; reject: (e: Error) => void }> = [];
  const compute = (signal: AbortSignal) =>
    new Promise<string>((resolve, reject) => {
      calls.push({ signal, resolve, reject });
    });
  return { calls, compute };
}

const always = () => SHARE_MS;
const live = () => new AbortController().signal;

describe('SharedAnswers', () => {
  let now = 0;
  const answers = () => new SharedAnswers<string>((answer) => answer.length, () => now);
  beforeEach(() => {
    now = 1_000_000;
  });

  it('runs identical simultaneous queries once and gives every one the answer', async () => {
    const shared = answers();
    const { calls, compute } = manual();
    const all = Promise.all([1, 2, 3].map(() => shared.run('k', compute, live(), always)));
    expect(calls).toHaveLength(1);
    calls[0].resolve('frames');
    expect(await all).toEqual(['frames', 'frames', 'frames']);
  });

  it('keeps a final answer for SHARE_MS, then computes again', async () => {
    const shared = answers();
    const { calls, compute } = manual();
    const first = shared.run('k', compute, live(), always);
    calls[0].resolve('v1');
    await first;
    now += SHARE_MS - 1;
    expect(await shared.run('k', compute, live(), always)).toBe('v1');
    expect(calls).toHaveLength(1);
    now += 1;
    const later = shared.run('k', compute, live(), always);
    expect(calls).toHaveLength(2);
    calls[1].resolve('v2');
    expect(await later).toBe('v2');
  });

  it('does not keep an answer that is not final (a partial result) or a failure', async () => {
    const shared = answers();
    const { calls, compute } = manual();
    const partial = shared.run('k', compute, live(), (v) => (v === 'partial' ? 0 : SHARE_MS));
    calls[0].resolve('partial');
    await partial;
    const failing = shared.run('k', compute, live(), always);
    expect(calls).toHaveLength(2);
    calls[1].reject(new Error('upstream down'));
    await expect(failing).rejects.toThrow('upstream down');
    void shared.run('k', compute, live(), always);
    expect(calls).toHaveLength(3);
  });

  it('keeps an answer only as long as asked (live answers shortly)', async () => {
    const shared = answers();
    const { calls, compute } = manual();
    const first = shared.run('k', compute, live(), () => 1_000);
    calls[0].resolve('live');
    await first;
    now += 999;
    expect(await shared.run('k', compute, live(), () => 1_000)).toBe('live');
    now += 1;
    void shared.run('k', compute, live(), () => 1_000);
    expect(calls).toHaveLength(2);
  });

  it('different keys are different computations', () => {
    const shared = answers();
    const { calls, compute } = manual();
    void shared.run('a', compute, live(), always);
    void shared.run('b', compute, live(), always);
    expect(calls).toHaveLength(2);
  });

  it('one query cancelled leaves the computation to the others; all cancelled aborts it', async () => {
    const shared = answers();
    const { calls, compute } = manual();
    const a = new AbortController();
    const b = new AbortController();
    const pa = shared.run('k', compute, a.signal, always);
    const pb = shared.run('k', compute, b.signal, always);
    a.abort(new Error('closed the dashboard'));
    await expect(pa).rejects.toThrow('closed the dashboard');
    expect(calls[0].signal.aborted).toBe(false);
    b.abort(new Error('closed too'));
    await expect(pb).rejects.toThrow('closed too');
    expect(calls[0].signal.aborted).toBe(true);
    // the next query does not join the aborted computation
    const pc = shared.run('k', compute, live(), always);
    expect(calls).toHaveLength(2);
    calls[1].resolve('fresh');
    expect(await pc).toBe('fresh');
  });

  it('a query already cancelled starts nothing', async () => {
    const shared = answers();
    const { calls, compute } = manual();
    const gone = new AbortController();
    gone.abort(new Error('gone'));
    await expect(shared.run('k', compute, gone.signal, always)).rejects.toThrow('gone');
    expect(calls).toHaveLength(0);
  });

  it('keeps at most MAX_KEPT_WEIGHT of answers, dropping the oldest first', async () => {
    const shared = answers();
    const half = 'x'.repeat(MAX_KEPT_WEIGHT / 2);
    for (const key of ['a', 'b', 'c']) {
      await shared.run(key, async () => half, live(), always);
    }
    expect(shared.size).toBe(2);
    const { calls, compute } = manual();
    void shared.run('a', compute, live(), always);
    expect(calls).toHaveLength(1); // 'a' was dropped
    void shared.run('c', compute, live(), always);
    expect(calls).toHaveLength(1); // 'c' is still kept
  });

  it('drops expired answers so their frames are not held', async () => {
    const shared = answers();
    const { calls, compute } = manual();
    const first = shared.run('old', compute, live(), always);
    calls[0].resolve('v');
    await first;
    now += SHARE_MS;
    void shared.run('new', compute, live(), always);
    expect(shared.size).toBe(1);
  });
});
