/**
 * Nelder-Mead simplex minimisation (standard coefficients: reflect 1, expand 2, contract 1/2, shrink 1/2).
 * Small and dependency-free; used to fit 2-3 smoothing parameters, where it is as good as L-BFGS-B.
 */
export interface NelderMeadOptions {
  /** initial simplex edge per coordinate */
  step?: number;
  maxEvaluations?: number;
  /** stop when the simplex's function values differ by less than this (absolute + relative) */
  tolerance?: number;
}

export function nelderMead(
  f: (x: number[]) => number,
  start: number[],
  { step = 0.1, maxEvaluations = 400, tolerance = 1e-10 }: NelderMeadOptions = {}
): { x: number[]; value: number; evaluations: number } {
  const dim = start.length;
  let evaluations = 0;
  const evaluate = (x: number[]) => {
    evaluations++;
    return f(x);
  };
  const simplex: Array<{ x: number[]; v: number }> = [{ x: start.slice(), v: evaluate(start) }];
  for (let i = 0; i < dim; i++) {
    const x = start.slice();
    x[i] += step;
    simplex.push({ x, v: evaluate(x) });
  }
  const combine = (a: number[], b: number[], t: number) => a.map((ai, i) => ai + t * (b[i] - ai));

  while (evaluations < maxEvaluations) {
    simplex.sort((p, q) => p.v - q.v);
    const best = simplex[0];
    const worst = simplex[dim];
    if (Math.abs(worst.v - best.v) <= tolerance * (1 + Math.abs(best.v))) {
      break;
    }
    const centroid = new Array<number>(dim).fill(0);
    for (let i = 0; i < dim; i++) {
      for (let j = 0; j < dim; j++) {
        centroid[j] += simplex[i].x[j] / dim;
      }
    }
    // reflect the worst point through the centroid of the others
    const reflected = combine(centroid, worst.x, -1);
    const vr = evaluate(reflected);
    if (vr < best.v) {
      const expanded = combine(centroid, worst.x, -2);
      const ve = evaluate(expanded);
      simplex[dim] = ve < vr ? { x: expanded, v: ve } : { x: reflected, v: vr };
    } else if (vr < simplex[dim - 1].v) {
      simplex[dim] = { x: reflected, v: vr };
    } else {
      const outside = vr < worst.v;
      const contracted = combine(centroid, outside ? reflected : worst.x, 0.5);
      const vc = evaluate(contracted);
      if (vc < (outside ? vr : worst.v)) {
        simplex[dim] = { x: contracted, v: vc };
      } else {
        for (let i = 1; i <= dim; i++) {
          const x = combine(best.x, simplex[i].x, 0.5);
          simplex[i] = { x, v: evaluate(x) };
        }
      }
    }
  }
  simplex.sort((p, q) => p.v - q.v);
  return { x: simplex[0].x, value: simplex[0].v, evaluations };
}
