import http2 from 'node:http2';
import { LOADER_OPTIONS, protocolRoot } from '../../src/backend/protocol/protos';
import type { CallResourceResponse, QueryDataResponse } from '../../src/backend/protocol/types';
import {
  callResourceRequest,
  queryDataRequest,
  queryResults,
  resourceResult,
  type QueryRequest,
  type QueryResult,
  type ResourceRequest,
  type ResourceResult,
} from './harness';

/**
 * The load bench's Grafana: the same QueryData and CallResource requests as the harness (its builders), on the
 * wire as grpc-go sends them. Grafana's client is Go; the harness's grpc-js client spends ~0.5 ms of CPU per call,
 * which on the bench's two cores is taken from the backend it measures. So here a request is encoded before the
 * clock starts (`prepare`), sent as one HTTP/2 stream with node:http2, and its reply kept as bytes until the round
 * is over (`decode`): ~0.35 ms of CPU per call while the clock runs, most of it reading the replies, still more
 * than Go would spend. Window sizes as grpc-go grows them (16 MB).
 */
const WINDOW = 16 * 1024 * 1024;

export interface PreparedCall {
  kind: 'query' | 'resource';
  path: string;
  /** the gRPC message: 1 byte "not compressed", 4 bytes length, the protobuf */
  body: Buffer;
  /** the resource path, for error messages */
  resourcePath?: string;
}

/** A finished call: its response messages (protobuf, undecoded). */
export interface WireReply {
  call: PreparedCall;
  messages: Buffer[];
}

const root = protocolRoot();
const types = {
  queryRequest: root.lookupType('pluginv2.QueryDataRequest'),
  queryResponse: root.lookupType('pluginv2.QueryDataResponse'),
  resourceRequest: root.lookupType('pluginv2.CallResourceRequest'),
  resourceResponse: root.lookupType('pluginv2.CallResourceResponse'),
};

function framed(message: Uint8Array): Buffer {
  const body = Buffer.alloc(5 + message.length);
  body.writeUInt32BE(message.length, 1);
  body.set(message, 5);
  return body;
}

export function prepareQuery(request: QueryRequest): PreparedCall {
  const message = types.queryRequest.encode(types.queryRequest.fromObject(queryDataRequest(request))).finish();
  return { kind: 'query', path: '/pluginv2.Data/QueryData', body: framed(message) };
}

export function prepareResource(request: ResourceRequest): PreparedCall {
  const message = types.resourceRequest.encode(types.resourceRequest.fromObject(callResourceRequest(request))).finish();
  return {
    kind: 'resource',
    path: '/pluginv2.Resource/CallResource',
    body: framed(message),
    resourcePath: request.path,
  };
}

export function decodeQuery(reply: WireReply): Record<string, QueryResult> {
  if (reply.messages.length !== 1) {
    throw new Error(`QueryData answered ${reply.messages.length} messages, not 1`);
  }
  const type = types.queryResponse;
  return queryResults(type.toObject(type.decode(reply.messages[0]), LOADER_OPTIONS) as QueryDataResponse);
}

export function decodeResource(reply: WireReply): ResourceResult {
  const type = types.resourceResponse;
  const parts = reply.messages.map((m) => type.toObject(type.decode(m), LOADER_OPTIONS) as CallResourceResponse);
  return resourceResult(reply.call.resourcePath ?? '', parts);
}

/** The gRPC messages in a response body (length-prefixed, uncompressed). */
function messages(body: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0; at < body.length;) {
    if (body[at] !== 0) {
      throw new Error('compressed gRPC message: the backend must not compress');
    }
    const length = body.readUInt32BE(at + 1);
    out.push(body.subarray(at + 5, at + 5 + length));
    at += 5 + length;
  }
  return out;
}

export class WireClient {
  private constructor(private readonly session: http2.ClientHttp2Session) {}

  /** One HTTP/2 connection to the backend's gRPC address ("127.0.0.1:port"), as Grafana keeps one per plugin. */
  static async connect(address: string): Promise<WireClient> {
    const session = http2.connect(`http://${address}`, { settings: { initialWindowSize: WINDOW } });
    await new Promise<void>((resolve, reject) => {
      session.once('connect', () => resolve());
      session.once('error', reject);
    });
    session.setLocalWindowSize(WINDOW);
    return new WireClient(session);
  }

  /** Sends the call; resolves when its last byte has arrived, rejects on a non-OK gRPC status. */
  send(call: PreparedCall): Promise<WireReply> {
    return new Promise((resolve, reject) => {
      const stream = this.session.request({
        ':method': 'POST',
        ':path': call.path,
        'content-type': 'application/grpc',
        te: 'trailers',
      });
      const chunks: Buffer[] = [];
      let status: string | undefined;
      let message = '';
      const note = (headers: http2.IncomingHttpHeaders) => {
        status = (headers['grpc-status'] as string | undefined) ?? status;
        message = (headers['grpc-message'] as string | undefined) ?? message;
      };
      stream.on('response', note); // a trailers-only reply carries its status here
      stream.on('trailers', note);
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', reject);
      stream.on('end', () => {
        if (status !== '0') {
          reject(
            new Error(`${call.path} ${call.resourcePath ?? ''}: gRPC status ${status}: ${decodeURIComponent(message)}`)
          );
          return;
        }
        try {
          resolve({ call, messages: messages(Buffer.concat(chunks)) });
        } catch (error) {
          reject(error);
        }
      });
      stream.end(call.body);
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.session.close(() => resolve()));
  }
}
