import type { QueryHandler } from './types';
import { QueryError } from '../../core/errors';

// Placeholder until its engine lands; replaced by the real handler.
export const handleOncall: QueryHandler = async (ctx) => {
  throw new QueryError(`queryType "${ctx.queryType}" is not implemented yet`, 501);
};
export const handleIncidents: QueryHandler = async (ctx) => {
  throw new QueryError(`queryType "${ctx.queryType}" is not implemented yet`, 501);
};
export const handleAvailability: QueryHandler = async (ctx) => {
  throw new QueryError(`queryType "${ctx.queryType}" is not implemented yet`, 501);
};
