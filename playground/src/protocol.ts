/*
 * protocol: the messages between the page and its two kinds of worker (compile, run), and the
 * module ids the run worker answers `require` with.
 * Must never: hold logic; types and constants only.
 */
import type { ProgramEvent } from '../../src/trace/programLog';
import type { TracePrograms } from '../../src/trace/tracePlan';
import type { AlignedRow } from '../../src/cli/diff';

export const PROBE_ID = 'async-desugar-playground/probe';
export const RUNTIME_ID = 'babel-plugin-async-state-machine/runtime';

export interface CompileRequest {
  id: number;
  code: string;
  runtime: 'import' | 'inline';
  explain: boolean;
  /** test switch: one extra tick at the start of each async function, rewritten side only */
  injectExtraTick: boolean;
}

export interface SwitchInfo {
  startLine: number;
  endLine: number;
  cases: Array<{ label: number; line: number }>;
}

export interface DiffPair {
  name: string;
  startLine: number;
  endLine: number;
  rows: AlignedRow[];
  /** for each row's right side: its line in the full rewrite, when found */
  found: boolean;
}

export interface CompileOk {
  id: number;
  ok: true;
  rewrite: string;
  /** for each output line (0-based index), the 1-based source lines it came from */
  outToSrc: number[][];
  switches: SwitchInfo[];
  pairs: DiffPair[];
  programs: TracePrograms;
  runtimeSource: string;
  millis: number;
}

export interface CompileError {
  id: number;
  ok: false;
  kind: 'syntax' | 'plugin' | 'internal';
  message: string;
  line?: number;
  column?: number;
}

export type CompileResult = CompileOk | CompileError;

export interface RunRequest {
  code: string;
  filename: string;
  /** record machine states (rewritten observed run only; a side channel, never compared) */
  watchMachines?: boolean;
  /** echoed in the result: a message the program itself posts cannot pass for the result */
  nonce: string;
}

export interface MachineStep {
  /** index of the next event in the log when this step began */
  event: number;
  /** index of the next event when the step returned (it suspended or completed) */
  end?: number;
  label: number;
  sent: string;
  caught?: string;
  regions: Array<{ catchLabel: number; finallyLabel: number; phase: 'try' | 'catch' | 'finally'; pending?: 'goto' | 'return' | 'throw' } | { loop: true }>;
}

export interface RunResult {
  kind: 'done';
  nonce?: string;
  events: ProgramEvent[];
  steps: MachineStep[];
  failure?: string;
}
