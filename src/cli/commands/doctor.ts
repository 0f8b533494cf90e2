import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { BACKENDS, TFJS, TFJS_NODE, TFJS_NODE_GPU, TFJS_WASM, TFJS_WEBGPU, WEBGPU } from "../../backends/registry.js";
import { nodeProbeEnv, probeBackends } from "../../backends/select.js";
import { isGpuBackend, type BackendProbe, type CudaProbe, type ProbeEnv, type VulkanProbe } from "../../backends/types.js";

export interface PackageStatus {
  name: string;
  version: string | null;
  role: string;
}

export interface DoctorReport {
  node: string;
  platform: string;
  cuda: CudaProbe;
  /** the Vulkan loader Dawn (the webgpu backend) needs on Linux */
  vulkan: VulkanProbe | null;
  packages: PackageStatus[];
  /** every TF.js backend in order of preference, usable or not and why */
  backends: BackendProbe[];
  /** what `--engine auto` (the default) trains with here */
  autoEngine: { engine: "cpu" | "tfjs"; backend: string | null; why: string };
  /** the backend `--engine tfjs` would take */
  tfjsBackend: string | null;
  /** where a transformer encoder runs under `--engine auto`: the first usable GPU backend, else its CPU runtime */
  encoderBackend: { backend: string | null; why: string };
}

export interface DoctorOptions {
  env?: ProbeEnv;
  /** installed version of a package, or null (injectable for tests) */
  packageVersion?: (name: string) => Promise<string | null>;
}

const PACKAGE_ROLES: [string, string][] = [
  [TFJS, "TF.js (model format; cpu backend)"],
  [TFJS_WASM, "optional: WebAssembly backend"],
  [TFJS_NODE_GPU, "optional: CUDA backend (libtensorflow GPU build)"],
  [WEBGPU, "optional: Dawn, WebGPU for Node (Vulkan, Metal, D3D12)"],
  [TFJS_WEBGPU, "optional: WebGPU backend (with webgpu)"],
  [TFJS_NODE, "optional: libtensorflow CPU backend"],
];

/** `al-label doctor`: what can train here, and why the faster engines are not available. */
export async function doctor(opts: DoctorOptions = {}): Promise<DoctorReport> {
  const env = opts.env ?? nodeProbeEnv;
  const version = opts.packageVersion ?? installedVersion;
  const cuda = await env.cuda();
  const vulkan = env.vulkan ? await env.vulkan() : null;
  const packages = await Promise.all(PACKAGE_ROLES.map(async ([name, role]) => ({ name, role, version: await version(name) })));
  const backends = await probeBackends(env, BACKENDS);
  // `--engine auto`: the n-gram models train on the sparse CPU engine; a GPU serves a transformer encoder.
  const autoEngine = { engine: "cpu" as const, backend: null, why: "the sparse CPU engine trains the n-gram models (--engine tfjs or --backend trains them with TF.js)" };
  const gpu = backends.find((b) => isGpuBackend(b.name) && b.ok);
  const encoderBackend = gpu
    ? { backend: gpu.name, why: `runs on ${gpu.name}: ${gpu.reason}` }
    : {
        backend: null,
        why: `runs on the CPU: no GPU backend is usable (${backends
          .filter((b) => isGpuBackend(b.name))
          .map((b) => `${b.name}: ${b.reason}`)
          .join("; ")})`,
      };
  return { node: process.version, platform: `${process.platform}-${process.arch}`, cuda, vulkan, packages, backends, autoEngine, tfjsBackend: backends.find((b) => b.ok)?.name ?? null, encoderBackend };
}

async function installedVersion(name: string): Promise<string | null> {
  try {
    const path = createRequire(import.meta.url).resolve(`${name}/package.json`);
    return (JSON.parse(await readFile(path, "utf8")) as { version?: string }).version ?? "?";
  } catch {
    return null;
  }
}

/** The report as plain lines for a terminal. */
export function formatDoctor(r: DoctorReport): string {
  const lines = [
    `al-label doctor (Node ${r.node}, ${r.platform})`,
    `engine (--engine auto): ${r.autoEngine.engine}: ${r.autoEngine.why}`,
    `--engine tfjs would use: ${r.tfjsBackend ?? "nothing (no TF.js backend loads)"}`,
    `transformer encoder (--engine auto): ${r.encoderBackend.why}`,
    `CUDA: ${r.cuda.detail}`,
    ...(r.vulkan ? [`Vulkan (for webgpu): ${r.vulkan.detail}`] : []),
    "packages:",
    ...r.packages.map((p) => `  ${p.name.padEnd(31)} ${(p.version ?? "not installed").padEnd(14)} ${p.role}`),
    "TF.js backends, most preferred first:",
    ...r.backends.map((b) => `  ${b.ok ? "ok " : "no "} ${b.name.padEnd(15)} ${b.reason}`),
  ];
  if (!r.encoderBackend.backend) {
    if (!r.packages.find((p) => p.name === WEBGPU)?.version) lines.push(`To use a GPU through WebGPU: npm install ${WEBGPU} ${TFJS_WEBGPU} (and on Linux the Vulkan loader, libvulkan1), then run al-label doctor again.`);
    if (!r.packages.find((p) => p.name === TFJS_NODE_GPU)?.version) lines.push(`To train on an NVIDIA GPU through CUDA: npm install ${TFJS_NODE_GPU} (approve its install script when npm asks), then run al-label doctor again.`);
  }
  return lines.join("\n");
}
