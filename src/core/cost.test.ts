import { costPerHour, costPerMillionRequests } from './cost';

describe('cost', () => {
  it('prices each resource by its capacity and adds them (worked by hand)', () => {
    // 48 cores at $0.04 = $1.92/h; 2 TiB of disk at $0.10 per TiB-hour = $0.20/h -> $2.12/h
    const tib = 2 ** 40;
    const hourly = costPerHour(
      [
        { id: 'cpu', unitPrice: 0.04, capacity: [48, 48, null] },
        { id: 'disk', unitPrice: 0.1 / tib, capacity: [2 * tib, null, null] },
      ],
      3
    );
    expect(hourly[0]).toBeCloseTo(2.12, 10);
    expect(hourly[1]).toBeCloseTo(1.92, 10);
    expect(hourly[2]).toBeNull();
  });

  it('divides the hourly cost by the hourly request rate', () => {
    // $2.12/h; 5-minute steps with 600,000 requests each = 7.2M requests/h -> $0.29444 per million
    const perMillion = costPerMillionRequests([2.12, 2.12, 2.12], [600_000, 0, null], 300_000);
    expect(perMillion[0]).toBeCloseTo(2.12 / 7.2, 10);
    expect(perMillion[1]).toBeNull();
    expect(perMillion[2]).toBeNull();
  });
});
