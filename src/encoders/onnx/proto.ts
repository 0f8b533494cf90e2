/**
 * A minimal protobuf writer and the few ONNX messages we emit (ModelProto, GraphProto, NodeProto,
 * TensorProto with raw_data, AttributeProto, ValueInfoProto). Field numbers from onnx/onnx.proto. Pure.
 */

class Writer {
  private readonly parts: Uint8Array[] = [];
  private size = 0;

  private push(bytes: Uint8Array): void {
    this.parts.push(bytes);
    this.size += bytes.length;
  }

  private tag(field: number, wire: number): void {
    this.rawVarint(BigInt((field << 3) | wire));
  }

  private rawVarint(v: bigint): void {
    let x = BigInt.asUintN(64, v); // negatives as two's complement, 10 bytes, as protobuf int64
    const out: number[] = [];
    while (x >= 0x80n) {
      out.push(Number(x & 0x7fn) | 0x80);
      x >>= 7n;
    }
    out.push(Number(x));
    this.push(Uint8Array.from(out));
  }

  varint(field: number, v: number | bigint): this {
    this.tag(field, 0);
    this.rawVarint(BigInt(v));
    return this;
  }

  bytes(field: number, b: Uint8Array): this {
    this.tag(field, 2);
    this.rawVarint(BigInt(b.length));
    this.push(b);
    return this;
  }

  string(field: number, s: string): this {
    return this.bytes(field, new TextEncoder().encode(s));
  }

  float(field: number, f: number): this {
    this.tag(field, 5);
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, f, true);
    this.push(b);
    return this;
  }

  finish(): Uint8Array {
    const out = new Uint8Array(this.size);
    let at = 0;
    for (const p of this.parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  }
}

export const DataType = { FLOAT: 1, INT32: 6, INT64: 7, BOOL: 9 } as const;

export type Attr = { name: string } & ({ i: number } | { f: number } | { ints: number[] });

export interface OnnxNode {
  op: string;
  inputs: string[];
  outputs: string[];
  attrs?: Attr[];
}

export interface OnnxTensor {
  name: string;
  dataType: number;
  dims: number[];
  /** little-endian element bytes */
  raw: Uint8Array;
}

/** a graph input or output: elem type and dims (numbers fixed, strings symbolic) */
export interface OnnxValue {
  name: string;
  elemType: number;
  dims: (number | string)[];
}

export interface OnnxGraph {
  name: string;
  nodes: OnnxNode[];
  initializers: OnnxTensor[];
  inputs: OnnxValue[];
  outputs: OnnxValue[];
}

function attribute(a: Attr): Uint8Array {
  const w = new Writer().string(1, a.name);
  if ('i' in a) w.varint(3, a.i).varint(20, 2);
  else if ('f' in a) w.float(2, a.f).varint(20, 1);
  else {
    for (const v of a.ints) w.varint(8, v);
    w.varint(20, 7);
  }
  return w.finish();
}

function node(n: OnnxNode, index: number): Uint8Array {
  const w = new Writer();
  for (const i of n.inputs) w.string(1, i);
  for (const o of n.outputs) w.string(2, o);
  w.string(3, `${n.op}_${index}`).string(4, n.op);
  for (const a of n.attrs ?? []) w.bytes(5, attribute(a));
  return w.finish();
}

function tensor(t: OnnxTensor): Uint8Array {
  const w = new Writer();
  for (const d of t.dims) w.varint(1, d);
  return w.varint(2, t.dataType).string(8, t.name).bytes(9, t.raw).finish();
}

function valueInfo(v: OnnxValue): Uint8Array {
  const shape = new Writer();
  for (const d of v.dims) shape.bytes(1, typeof d === 'number' ? new Writer().varint(1, d).finish() : new Writer().string(2, d).finish());
  const tensorType = new Writer().varint(1, v.elemType).bytes(2, shape.finish()).finish();
  return new Writer().string(1, v.name).bytes(2, new Writer().bytes(1, tensorType).finish()).finish();
}

/** ModelProto bytes for onnxruntime: IR version 8, default-domain opset `opset`. */
export function encodeModel(graph: OnnxGraph, opset: number, producer = 'al-label'): Uint8Array {
  const g = new Writer();
  graph.nodes.forEach((n, i) => g.bytes(1, node(n, i)));
  g.string(2, graph.name);
  for (const t of graph.initializers) g.bytes(5, tensor(t));
  for (const v of graph.inputs) g.bytes(11, valueInfo(v));
  for (const v of graph.outputs) g.bytes(12, valueInfo(v));
  const opsetId = new Writer().string(1, '').varint(2, opset).finish();
  return new Writer().varint(1, 8).string(2, producer).bytes(7, g.finish()).bytes(8, opsetId).finish();
}
