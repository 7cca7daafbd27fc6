/**
 * Annotations run the `events` query type: SLO status changes, fast-burn periods, on-call handoffs and
 * deployments. The backend answers with a table frame (time, timeEnd, title, text, tags) that Grafana's
 * standard frame-to-event mapping understands, so no processEvents is needed.
 */
import type { AnnotationQuery, AnnotationSupport } from '@grafana/data';
import type { EventsQuery, HeadroomQuery } from '../core/query';
import { EventsAnnotationEditor } from './components/EventsAnnotationEditor';
import { queryForType } from './query/defaults';
import { migrateQuery } from './query/migrate';

export const DEFAULT_ANNOTATION_QUERY = queryForType({ refId: 'Anno', queryType: 'events' }, 'events') as EventsQuery;

export const annotationSupport: AnnotationSupport<HeadroomQuery> = {
  getDefaultQuery: () => DEFAULT_ANNOTATION_QUERY,
  prepareQuery(anno: AnnotationQuery<HeadroomQuery>): HeadroomQuery | undefined {
    if (!anno.target) {
      return undefined;
    }
    const target = migrateQuery(anno.target);
    return target.queryType === 'events'
      ? target
      : { ...DEFAULT_ANNOTATION_QUERY, refId: target.refId, service: target.service, queryType: 'events' };
  },
  QueryEditor: EventsAnnotationEditor,
};
