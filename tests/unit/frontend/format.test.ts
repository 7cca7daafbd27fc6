import { utilizationPercent } from '../../../src/panels/shared/format';

describe('utilizationPercent', () => {
  const lines = [0.8, 0.9];
  it('is a whole percent away from the lines', () => {
    expect(utilizationPercent(0.314, lines)).toBe('31%');
    expect(utilizationPercent(0.85, lines)).toBe('85%');
    expect(utilizationPercent(0.8, lines)).toBe('80%'); // on the line: it has reached it
    expect(utilizationPercent(0.804, lines)).toBe('80%');
  });

  it('keeps a decimal, rounded down, where the whole percent would reach a line not reached', () => {
    expect(utilizationPercent(0.796, lines)).toBe('79.6%');
    expect(utilizationPercent(0.7996, lines)).toBe('79.9%');
    expect(utilizationPercent(0.897, lines)).toBe('89.7%');
  });

  it('has no value without one', () => {
    expect(utilizationPercent(null, lines)).toBe('–');
  });
});
