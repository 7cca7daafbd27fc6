import { formatDuration, parseDuration } from './duration';

describe('durations', () => {
  it.each([
    ['5m', 300_000],
    ['1h30m', 5_400_000],
    ['30d', 2_592_000_000],
    ['1w', 604_800_000],
    ['90s', 90_000],
  ])('parses %s', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['', '5', 'm5', '5x', '-1h', '0s'])('rejects %p', (text) => expect(parseDuration(text)).toBeUndefined());

  it('formats back to the shortest text', () => {
    expect(formatDuration(2_592_000_000)).toBe('30d');
    expect(formatDuration(5_400_000)).toBe('1h30m');
    expect(formatDuration(604_800_000)).toBe('1w');
  });
});
