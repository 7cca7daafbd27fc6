/**
 * Cost trends from what the platform provisions: each priced capacity resource costs
 * (its capacity at t, summed over instances) x (unit price per unit-hour). Cost per request divides the hourly
 * cost by the requests served in the same hour. Null where an input is missing, never a fake zero.
 */
export interface PricedResource {
  id: string;
  /** price per unit of capacity per hour */
  unitPrice: number;
  /** capacity at each grid point, summed over the resource's series; null = no sample */
  capacity: Array<number | null>;
}

export function costPerHour(resources: PricedResource[], points: number): Array<number | null> {
  const out: Array<number | null> = [];
  for (let i = 0; i < points; i++) {
    let total = 0;
    let any = false;
    for (const r of resources) {
      const c = r.capacity[i];
      if (c !== null && c !== undefined) {
        total += c * r.unitPrice;
        any = true;
      }
    }
    out.push(any ? total : null);
  }
  return out;
}

/**
 * Cost of a million requests at each point: hourly cost over the hourly request rate, where the request
 * rate is the per-step increase scaled to an hour.
 */
export function costPerMillionRequests(
  hourly: Array<number | null>,
  requestsPerStep: Array<number | null>,
  stepMs: number
): Array<number | null> {
  const stepsPerHour = 3_600_000 / stepMs;
  return hourly.map((cost, i) => {
    const requests = requestsPerStep[i];
    if (cost === null || requests === null || requests === undefined || requests <= 0) {
      return null;
    }
    return (cost / (requests * stepsPerHour)) * 1e6;
  });
}
