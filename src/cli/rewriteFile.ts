/*
 * rewriteFile: rewrites one source text (and writes it, with its source map, for --out and
 * --out-dir). Used by the main thread and by the worker threads alike, so both write the same bytes.
 * Must never: print, or throw for a problem in the user's file (that comes back as a message).
 */
import * as fs from 'fs';
import * as path from 'path';
import { transformSource } from '../transform';
import { describeError, describeFileError, describeSourceError } from './errors';
import { formatLegend, legendFor } from './legend';
import { colorsFor } from './terminal';

export interface RewriteSettings {
  runtime: 'import' | 'inline';
  explain: boolean;
  sourceMaps: boolean;
}

export interface RewrittenText {
  code: string;
  /** a v3 source map object when sourceMaps was asked for */
  map: { sources: string[]; file?: string; [key: string]: unknown } | null;
}

/** The legend comment that --explain appends, or '' when the code uses no runtime call. */
export function legendComment(code: string): string {
  const entries = legendFor(code);
  if (entries.length === 0) return '';
  return ['', '// ── runtime calls used above ──', ...formatLegend(entries).map((line) => `// ${line}`)].join('\n');
}

/** Rewrites `source`; throws the transform's error (a Babel error with loc on syntax errors). */
export function rewriteText(source: string, filename: string, settings: RewriteSettings): RewrittenText {
  const result = transformSource(source, {
    filename,
    runtime: settings.runtime,
    sourceMaps: settings.sourceMaps,
    ...(settings.explain ? { explain: true } : {}),
  });
  const code = settings.explain ? result.code + legendComment(result.code) : result.code;
  return { code, map: (result.map as RewrittenText['map']) ?? null };
}

export interface FileJob extends RewriteSettings {
  inputPath: string;
  outputPath: string;
  /** colour the error message (the worker cannot see the terminal) */
  color: boolean;
}

export type FileOutcome = { ok: true; inputPath: string; outputPath: string } | { ok: false; inputPath: string; message: string };

/** Writes `code` to outputPath, and its map beside it (`.map`) with a sourceMappingURL comment. */
export function writeOutput(outputPath: string, inputPath: string, rewritten: RewrittenText): void {
  fs.mkdirSync(path.dirname(outputPath), { recursive: true });
  let code = rewritten.code;
  if (rewritten.map) {
    const mapPath = outputPath + '.map';
    const map = { ...rewritten.map, file: path.basename(outputPath), sources: [path.relative(path.dirname(outputPath), inputPath).split(path.sep).join('/')] };
    fs.writeFileSync(mapPath, JSON.stringify(map) + '\n');
    code += `\n//# sourceMappingURL=${path.basename(mapPath)}`;
  }
  fs.writeFileSync(outputPath, code.endsWith('\n') ? code : code + '\n');
}

/** Reads, rewrites and writes one file; every failure becomes a message. */
export function rewriteFile(job: FileJob): FileOutcome {
  const colors = colorsFor(job.color);
  let source: string;
  try {
    source = fs.readFileSync(job.inputPath, 'utf8');
  } catch (error) {
    return { ok: false, inputPath: job.inputPath, message: describeError(describeFileError(error, job.inputPath, 'read'), colors) };
  }
  let rewritten: RewrittenText;
  try {
    rewritten = rewriteText(source, job.inputPath, job);
  } catch (error) {
    return { ok: false, inputPath: job.inputPath, message: describeSourceError(error, source, job.inputPath, colors) };
  }
  try {
    writeOutput(job.outputPath, job.inputPath, rewritten);
  } catch (error) {
    return { ok: false, inputPath: job.inputPath, message: describeError(describeFileError(error, job.outputPath, 'write'), colors) };
  }
  return { ok: true, inputPath: job.inputPath, outputPath: job.outputPath };
}
