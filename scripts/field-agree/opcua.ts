/**
 * OPC UA Binary deeper fields against Wireshark's `opcua` dissector (4.0, plugins/epan/opcua).
 *
 * Where the two put a value differs, the spec compares like with like:
 * - `opcua.security.tokenid` is the TokenId of the symmetric security header (MSG, CLO); the
 *   token an OpenSecureChannel response issues is `opcua.TokenId` (ours: `token_id` of the OPN).
 * - `opcua.EndpointUrl` is every EndpointUrl of a service body: the one a GetEndpoints,
 *   FindServers or CreateSession request names and those of the endpoint descriptions; the
 *   Hello's is `opcua.transport.endpoint`.
 * - `opcua.MessageSecurityMode` is the mode of an OpenSecureChannel request and of every
 *   endpoint description; `opcua.UserTokenType` the token types of their user token policies.
 * - Wireshark prints the sequence number and request id of encrypted chunks (ciphertext read as
 *   integers); ours leaves them out, so they are not compared (docs/fidelity-opcua.md).
 * - OPC UA on TCP 12001 (opc-ua-ap-method-wireshark-freeze.pcap) needs `-d tcp.port==12001,opcua`.
 * - tshark reassembles out-of-order TCP segments (`tcp.reassemble_out_of_order`), as the flow
 *   layer does.
 */
import { at, normValue, type EventLine, type ProtoSpec } from './spec.js';

/** The endpoint descriptions of a GetEndpoints or CreateSession response. */
function endpoints(e: EventLine): Record<string, unknown>[] {
  const x = at(e, 'opcua.endpoints');
  return Array.isArray(x) ? (x as Record<string, unknown>[]) : [];
}

/** The attributes of a Read, Write or CreateMonitoredItems request. */
function attributes(e: EventLine): Record<string, unknown>[] {
  const x = at(e, 'opcua.attributes');
  return Array.isArray(x) ? (x as Record<string, unknown>[]) : [];
}

const msgType = (e: EventLine): unknown => at(e, 'opcua.msg_type');

/** The values that are present (the comparison would count `undefined` as a value). */
const present = (...xs: unknown[]): unknown[] => xs.flat(2).filter((x) => x !== undefined);
const isHello = (e: EventLine): boolean => msgType(e) === 'HEL' || msgType(e) === 'RHE';

/** UserTokenType numbers ([P4] 7.42) as our names. */
function tokenType(v: string): string | undefined {
  const t = v.trim();
  if (t === '') return undefined;
  if (/^(0x)?[0-9a-f]+$/i.test(t)) {
    const n = Number(t);
    return ['anonymous', 'username', 'certificate', 'issued'][n] ?? `unknown${n}`;
  }
  return t.toLowerCase();
}

/** The identifier of a string NodeId in our text form (`ns=1;s=Temp` -> `Temp`). */
function stringId(id: unknown): string | undefined {
  if (typeof id !== 'string') return undefined;
  const m = /^(?:ns=\d+;)?s=(.*)$/s.exec(id);
  return m ? m[1] : undefined;
}

/**
 * Every NodeId our event lists: nodes browsed, read, written, monitored, called; the session id;
 * NodeId and ExpandedNodeId values read.
 */
function nodeIds(e: EventLine): unknown[] {
  const values = at(e, 'opcua.values');
  const read = (Array.isArray(values) ? (values as Record<string, unknown>[]) : []).filter(
    (v) => v.type === 'NodeId' || v.type === 'ExpandedNodeId',
  );
  const methods = at(e, 'opcua.methods');
  const calls = Array.isArray(methods) ? (methods as Record<string, unknown>[]) : [];
  const nodes = at(e, 'opcua.nodes');
  return present(
    attributes(e).map((x) => x.node_id),
    Array.isArray(nodes) ? (nodes as unknown[]) : [],
    calls.map((x) => [x.object_id, x.method_id]).flat(),
    at(e, 'opcua.session_id'),
    read.map((v) => v.value ?? v.elements),
  )
    .map(stringId)
    .filter((x) => x !== undefined);
}

export const opcuaSpec: ProtoSpec = {
  proto: 'opcua',
  filter: 'opcua',
  sharedCaptures: ['opcua/'],
  pinnedBy: 'test/golden/opcua/tshark-agreement.test.ts',
  // Out-of-order segments reassembled as Palisade's flow layer does (the capture-with-gaps
  // files: a CreateSessionResponse whose segments arrive around a gap).
  tsharkArgs: ['-d', 'tcp.port==12001,opcua', '-o', 'tcp.reassemble_out_of_order:TRUE'],
  fields: [
    { name: 'message type', tshark: 'opcua.transport.type', ours: msgType },
    { name: 'chunk type', tshark: 'opcua.transport.chunk', ours: (e) => at(e, 'opcua.chunk_type') },
    {
      name: 'message size',
      tshark: 'opcua.transport.size',
      ours: (e) => at(e, 'opcua.message_size'),
    },
    {
      name: 'secure channel id',
      tshark: 'opcua.transport.scid',
      ours: (e) => at(e, 'opcua.secure_channel_id'),
    },
    {
      name: 'security policy URI',
      tshark: 'opcua.security.spu',
      ours: (e) => at(e, 'opcua.security_policy_uri'),
      norm: (v) => (v === '' ? undefined : v),
    },
    {
      name: 'security token id',
      tshark: ['opcua.security.tokenid', 'opcua.TokenId'],
      ours: (e) => at(e, 'opcua.token_id'),
    },
    {
      name: 'service type id',
      tshark: 'opcua.servicenodeid.numeric',
      ours: (e) => at(e, 'opcua.service_id'),
    },
    {
      name: 'request handle',
      tshark: 'opcua.RequestHandle',
      ours: (e) => at(e, 'opcua.request_handle'),
    },
    {
      name: 'service result',
      tshark: 'opcua.ServiceResult',
      ours: (e) => at(e, 'opcua.service_result'),
    },
    {
      name: 'UA TCP error',
      tshark: 'opcua.transport.error',
      ours: (e) => (msgType(e) === 'ERR' ? at(e, 'opcua.error_code') : undefined),
    },
    {
      name: 'Hello endpoint URL',
      tshark: 'opcua.transport.endpoint',
      ours: (e) => (isHello(e) ? at(e, 'opcua.endpoint_url') : undefined),
      norm: (v) => (v === '' ? undefined : v),
    },
    {
      name: 'service endpoint URL',
      tshark: 'opcua.EndpointUrl',
      ours: (e) =>
        present(
          isHello(e) ? undefined : at(e, 'opcua.endpoint_url'),
          endpoints(e).map((x) => x.endpoint_url),
        ),
      norm: (v) => (v === '' ? undefined : v),
    },
    {
      name: 'security mode',
      tshark: 'opcua.MessageSecurityMode',
      ours: (e) =>
        present(
          at(e, 'opcua.security_mode'),
          endpoints(e).map((x) => x.security_mode),
        ),
      norm: normValue,
    },
    {
      name: 'user token type',
      tshark: 'opcua.UserTokenType',
      ours: (e) => endpoints(e).map((x) => x.user_token_types),
      norm: tokenType,
    },
    {
      name: 'string node id',
      tshark: 'opcua.nodeid.string',
      ours: nodeIds,
      norm: (v) => v,
    },
    {
      name: 'attribute id',
      tshark: 'opcua.AttributeId',
      ours: (e) => attributes(e).map((x) => x.attribute_id),
      norm: normValue,
    },
  ],
};
