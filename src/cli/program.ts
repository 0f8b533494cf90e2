import { Command, Option } from "commander";
import { RUN_OPTIONS } from "./run-options.js";
import { TRAIN_OPTIONS } from "./train-options.js";
import { PREDICT_OPTIONS } from "./predict-options.js";
import { EXPERIMENT_OPTIONS } from "./experiment-options.js";
import type { OptionSpec } from "./options-table.js";
import { VERSION } from "../version.js";

export interface ProgramHooks {
  /** set by each command's action: the process exit code */
  setExitCode(code: number): void;
  exitOverride?: boolean;
}

/**
 * The one place that knows commander. Commands are imported lazily, so `--help` loads nothing else.
 * Commander gets no defaults: those live in config/run-config.ts and are merged after parsing.
 */
export function createProgram(hooks: ProgramHooks): Command {
  const program = new Command("al-label")
    .description("Label a partly labeled text data set: train, machine-label what the model is sure of, queue the rest for people.")
    .version(VERSION)
    .showHelpAfterError("(run with --help for usage)");
  if (hooks.exitOverride) program.exitOverride();

  const runCmd = program
    .command("run")
    .description("take in answered tasks, retrain, machine-label confident rows, queue the rest; repeat until every row is labeled")
    .argument("<manifest>", "input manifest: Ground Truth JSON Lines (.jsonl) or CSV (.csv)");
  addOptions(runCmd, RUN_OPTIONS);
  runCmd.action(async (manifest: string, raw: Record<string, unknown>) => {
    const [{ runCommand }] = await Promise.all([import("./commands/run-action.js")]);
    hooks.setExitCode(await runCommand(manifest, raw));
  });

  const trainCmd = program
    .command("train")
    .description("train a fastText classifier (BlazingText settings) on the labeled rows of a file and save it")
    .argument("<input>", "Ground Truth manifest (.jsonl), CSV (.csv) or fastText file (.txt/.ft: __label__<name> text)");
  addOptions(trainCmd, TRAIN_OPTIONS);
  trainCmd.action(async (input: string, raw: Record<string, unknown>) => {
    const { trainCommand } = await import("./commands/train-action.js");
    hooks.setExitCode(await trainCommand(input, raw));
  });

  const predictCmd = program
    .command("predict")
    .description("write BlazingText batch-transform records for every row of a file; score them when it has gold labels")
    .argument("<model-dir>", "folder written by al-label train")
    .argument("<input>", "manifest (.jsonl), CSV (.csv), fastText file (.txt/.ft) or plain text (--format text)");
  addOptions(predictCmd, PREDICT_OPTIONS);
  predictCmd.action(async (modelDir: string, input: string, raw: Record<string, unknown>) => {
    const { predictCommand } = await import("./commands/predict-action.js");
    hooks.setExitCode(await predictCommand(modelDir, input, raw));
  });
  const experimentCmd = program
    .command("experiment")
    .description("compare models, encoders, strategies and policies on your data: a grid of runs with simulated people, a test split, results as CSV, JSON and an HTML report")
    .argument("<manifest>", "input manifest with a gold field (.jsonl or .csv)");
  addOptions(experimentCmd, EXPERIMENT_OPTIONS);
  experimentCmd.action(async (manifest: string, raw: Record<string, unknown>) => {
    const { experimentCommand } = await import("./commands/experiment-action.js");
    hooks.setExitCode(await experimentCommand(manifest, raw));
  });
  // people in the loop (docs/people-in-the-loop.md, "People in the loop")
  program
    .command("answer")
    .description("check an answers file (JSON Lines or CSV id,label[,annotator]) and save its good answers for the next run")
    .argument("<answers-file>", 'JSON Lines {"taskId"|"rowId", "label", "annotator"?} or CSV id,label[,annotator]')
    .argument("[manifest]", "the manifest the work dir belongs to (or give --workdir)")
    .option("--workdir <dir>", "work dir (default <manifest>.al-label beside the manifest)")
    .option("--format <format>", "jsonl or csv (default: from the file extension)")
    .option("--annotator <name>", "annotator for lines that name none")
    .option("--replace", "let an answer replace a different one saved earlier")
    .option("--json", "print one JSON object on stdout")
    .option("--quiet", "do not list harmless repeats")
    .action(async (file: string, manifest: string | undefined, raw: Record<string, unknown>) => {
      const { answerCommand } = await import("./commands/answer-action.js");
      hooks.setExitCode(await answerCommand(file, manifest, raw));
    });
  program
    .command("label")
    .description("label waiting tasks in the terminal: number keys pick, Enter accepts the suggestion, s skips, u undoes, q quits")
    .argument("[queue-or-manifest]", "a queue file, or the manifest whose work dir to use (or give --workdir)")
    .option("--workdir <dir>", "work dir (default <manifest>.al-label beside the manifest)")
    .option("--queue <file>", "queue file (default <workdir>/queue.jsonl)")
    .option("--annotator <name>", "annotator saved with each answer (default: the user name)")
    .action(async (target: string | undefined, raw: Record<string, unknown>) => {
      const { labelCommand } = await import("./commands/label-action.js");
      hooks.setExitCode(await labelCommand(target, raw));
    });
  program
    .command("status")
    .description("rows labeled by people and by the model, tasks waiting and answered, and the next step")
    .argument("[manifest]", "the manifest the work dir belongs to (or give --workdir)")
    .option("--workdir <dir>", "work dir (default <manifest>.al-label beside the manifest)")
    .option("--queue <file>", "queue file (default <workdir>/queue.jsonl)")
    .option("--json", "print one JSON object on stdout")
    .action(async (target: string | undefined, raw: Record<string, unknown>) => {
      const { statusCommand } = await import("./commands/status-action.js");
      hooks.setExitCode(await statusCommand(target, raw));
    });
  program
    .command("report")
    .description("write report.md and a self-contained report.html: labels by source, accuracy per round, learning curve, confusion matrix, human labels saved")
    .argument("[manifest]", "the manifest the work dir belongs to (or give --workdir)")
    .option("--workdir <dir>", "work dir (default <manifest>.al-label beside the manifest)")
    .option("--out <dir>", "folder for report.md and report.html (default <workdir>/report)")
    .option("--json", "print the report's figures as one JSON object")
    .action(async (target: string | undefined, raw: Record<string, unknown>) => {
      const { reportCommand } = await import("./commands/report-action.js");
      hooks.setExitCode(await reportCommand(target, raw));
    });
  program
    .command("doctor")
    .description("show which engines and TF.js backends can train here (CUDA GPU, libtensorflow, wasm, cpu) and why others cannot")
    .option("--json", "print the report as one JSON object")
    .action(async (raw: { json?: boolean }) => {
      const { doctorCommand } = await import("./commands/doctor-action.js");
      hooks.setExitCode(await doctorCommand(raw));
    });
  const encoders = program.command("encoders").description("pretrained text encoders: make a static encoder from a transformer (docs/encoders.md)");
  encoders
    .command("distill")
    .description("make a static encoder (token-vector table, model2vec layout) from a BERT or MPNet sentence encoder folder: each token through the encoder alone, PCA, Zipf/SIF weights")
    .argument("<encoder-dir>", "a Hugging Face / sentence-transformers BERT or MPNet folder (config.json, tokenizer, model.safetensors or onnx/model.onnx)")
    .requiredOption("--out <dir>", "folder to write (config.json, model.safetensors, tokenizer files, NOTICE.md)")
    .option("--dims <n>", "PCA dimensions kept (default 256, at most the encoder's hidden size)")
    .option("--sif-coefficient <a>", "SIF weight a / (a + p(token)), p by Zipf's law over vocabulary rank (default 0.0001); 0 turns weighting off")
    .option("--runtime <name>", "auto (onnxruntime-node when installed, else TF.js), onnx or tfjs (default auto)")
    .option("--threads <n>", "onnxruntime threads (default: the core count)")
    .option("--json", "print one JSON object on stdout")
    .action(async (dir: string, raw: Record<string, unknown>) => {
      const { distillCommand } = await import("./commands/distill-action.js");
      hooks.setExitCode(await distillCommand(dir, raw));
    });
  return program;
}

function addOptions(cmd: Command, table: Record<string, OptionSpec | null>): void {
  for (const spec of Object.values(table)) {
    if (spec) cmd.addOption(new Option(spec.flags, spec.description));
    if (spec?.negate) cmd.addOption(new Option(spec.negate, `turn ${spec.flags} off`));
  }
}
