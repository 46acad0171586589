/*
 * babel-code-frame.d.ts: the two functions of @babel/code-frame that the CLI uses (the package
 * ships no types and @types/babel__code-frame is not installed).
 * Must never: declare more than the CLI calls.
 */
declare module '@babel/code-frame' {
  export interface SourcePosition {
    line: number;
    /** 1-based */
    column?: number;
  }
  export interface CodeFrameOptions {
    highlightCode?: boolean;
    forceColor?: boolean;
    linesAbove?: number;
    linesBelow?: number;
    message?: string;
  }
  export function codeFrameColumns(source: string, location: { start: SourcePosition; end?: SourcePosition }, options?: CodeFrameOptions): string;
  /** Always colours (ANSI); call it only when colour is wanted. */
  export function highlight(code: string): string;
}
