import type { QueryHandler } from './types';
import { QueryError } from '../../core/errors';

// Placeholder until its engine lands; replaced by the real handler.
export const handleEvents: QueryHandler = async (ctx) => {
  throw new QueryError(`queryType "${ctx.queryType}" is not implemented yet`, 501);
};
