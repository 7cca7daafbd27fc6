import fs from 'node:fs';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import protobuf from 'protobufjs';

/**
 * Loads our .proto files (./proto) into gRPC service definitions, for the backend and for the test harness
 * that plays Grafana. The release bundle has no proto folder: scripts/build-backend.ts embeds the files'
 * text through the HEADROOM_EMBEDDED_PROTOS define, so the single executable needs no files beside it.
 */
declare const HEADROOM_EMBEDDED_PROTOS: Record<string, string> | undefined;

export const PROTO_FILES = ['plugin.proto', 'health.proto', 'backend.proto'] as const;

function protoText(name: string): string {
  if (typeof HEADROOM_EMBEDDED_PROTOS !== 'undefined') {
    return HEADROOM_EMBEDDED_PROTOS[name];
  }
  return fs.readFileSync(path.join(__dirname, 'proto', name), 'utf8');
}

/** Decoding options shared by server and harness: int64 as JS numbers (epoch ms fit), enums as names. */
export const LOADER_OPTIONS: protoLoader.Options = {
  keepCase: true,
  longs: Number,
  enums: String,
  defaults: true,
  arrays: true,
  objects: true,
};

let cachedRoot: protobuf.Root | undefined;
let cached: grpc.GrpcObject | undefined;

/** The parsed .proto files as protobufjs types (the load bench encodes requests with them directly). */
export function protocolRoot(): protobuf.Root {
  if (!cachedRoot) {
    cachedRoot = new protobuf.Root();
    // google/protobuf/empty.proto ships with protobufjs as a "common" definition
    cachedRoot.addJSON(protobuf.common.get('google/protobuf/empty.proto')!.nested!);
    for (const file of PROTO_FILES) {
      protobuf.parse(protoText(file), cachedRoot, { keepCase: true });
    }
    cachedRoot.resolveAll();
  }
  return cachedRoot;
}

export function loadProtocol(): grpc.GrpcObject {
  cached ??= grpc.loadPackageDefinition(protoLoader.fromJSON(protocolRoot().toJSON(), LOADER_OPTIONS));
  return cached;
}

type ServiceCtor = grpc.ServiceClientConstructor;

/** The service definitions by their full gRPC name. */
export function services() {
  const proto = loadProtocol() as any;
  return {
    health: proto.grpc.health.v1.Health as ServiceCtor,
    controller: proto.plugin.GRPCController as ServiceCtor,
    stdio: proto.plugin.GRPCStdio as ServiceCtor,
    broker: proto.plugin.GRPCBroker as ServiceCtor,
    data: proto.pluginv2.Data as ServiceCtor,
    diagnostics: proto.pluginv2.Diagnostics as ServiceCtor,
    resource: proto.pluginv2.Resource as ServiceCtor,
  };
}
