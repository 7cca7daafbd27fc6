import type * as grpc from '@grpc/grpc-js';
import { withSerializedAnswersReused } from '../../../src/backend/protocol/server';
import type { DataResponse, QueryDataResponse } from '../../../src/backend/protocol/types';

/** QueryData's definition with a serializer that counts its calls and numbers its outputs. */
function queryData() {
  let calls = 0;
  const method = {
    path: '/pluginv2.Data/QueryData',
    requestStream: false,
    responseStream: false,
    requestSerialize: () => Buffer.alloc(0),
    requestDeserialize: () => ({}),
    responseSerialize: () => Buffer.from(`bytes ${++calls}`),
    responseDeserialize: () => ({}),
  };
  const service = withSerializedAnswersReused({ QueryData: method } as unknown as grpc.ServiceDefinition);
  const serialize = (reply: QueryDataResponse) => String(service.QueryData.responseSerialize(reply));
  return { serialize, calls: () => calls };
}

const shared: DataResponse = Object.freeze({ frames: [Uint8Array.of(1, 2)], status: 200, format: 'ARROW' });

describe('QueryData replies that share an answer', () => {
  it('serializes a shared response once per refId', () => {
    const { serialize, calls } = queryData();
    expect(serialize({ responses: { A: shared } })).toBe('bytes 1');
    expect(serialize({ responses: { A: shared } })).toBe('bytes 1');
    expect(calls()).toBe(1);
    // the refId is part of the reply's bytes
    expect(serialize({ responses: { B: shared } })).toBe('bytes 2');
  });

  it('serializes afresh replies of several queries and responses that are not shared (not frozen)', () => {
    const { serialize, calls } = queryData();
    serialize({ responses: { A: shared, B: shared } });
    serialize({ responses: { A: shared, B: shared } });
    const error: DataResponse = { frames: [], status: 400, error: 'bad', format: 'ARROW' };
    serialize({ responses: { A: error } });
    serialize({ responses: { A: error } });
    expect(calls()).toBe(4);
  });
});
