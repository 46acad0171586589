/*
 * frontmatter: reads the metadata block of a test262 test (the YAML between `/*---` and `---*\/`):
 * flags, includes, negative {phase, type}, features, description. Only the subset of YAML that
 * test262 uses for these keys is understood: `key: [a, b]`, `key:` followed by `- item` lines,
 * `negative:` followed by indented `phase:` / `type:` lines, and scalar or block (`|`, `>`) text.
 * Must never: read the file itself, or guess a value it could not parse (it throws instead).
 */
'use strict';

const LIST_KEYS = ['flags', 'includes', 'features', 'locale'];

/** Splits `[a, b, c]` into ['a', 'b', 'c']. */
function parseInlineList(text, key, file) {
  const trimmed = text.trim();
  if (!trimmed.startsWith('[') || !trimmed.endsWith(']')) {
    throw new Error(`${file}: frontmatter key "${key}" is not a [list]: ${trimmed}`);
  }
  return trimmed
    .slice(1, -1)
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function indentOf(line) {
  return line.length - line.trimStart().length;
}

/**
 * Parses the frontmatter of `source` (the text of one test file).
 * Returns { flags: string[], includes: string[], features: string[], negative: {phase, type} | null, description: string }.
 */
function parseFrontmatter(source, file = 'test') {
  const start = source.indexOf('/*---');
  const end = start === -1 ? -1 : source.indexOf('---*/', start);
  const meta = { flags: [], includes: [], features: [], negative: null, description: '' };
  if (start === -1 || end === -1) return meta;
  const lines = source.slice(start + 5, end).split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const match = /^([A-Za-z_][\w-]*):(.*)$/.exec(line);
    if (!match) continue; // continuation of a block value, or blank
    const key = match[1];
    const rest = match[2].trim();
    // the lines that belong to this key: the following lines that are indented or blank
    const body = [];
    while (i + 1 < lines.length && (lines[i + 1].trim() === '' || indentOf(lines[i + 1]) > 0 || lines[i + 1].trimStart().startsWith('- '))) {
      if (/^[A-Za-z_][\w-]*:/.test(lines[i + 1])) break;
      body.push(lines[++i]);
    }
    if (LIST_KEYS.includes(key)) {
      if (rest !== '') meta[key] = parseInlineList(rest, key, file);
      else {
        meta[key] = body
          .map((item) => item.trim())
          .filter((item) => item !== '')
          .map((item) => {
            if (!item.startsWith('- ')) throw new Error(`${file}: frontmatter key "${key}" has a line that is not a list item: ${item}`);
            return item.slice(2).trim();
          });
      }
    } else if (key === 'negative') {
      const negative = {};
      for (const item of body) {
        const pair = /^\s+(phase|type):\s*(\S+)\s*$/.exec(item);
        if (pair) negative[pair[1]] = pair[2];
      }
      if (!negative.phase || !negative.type) throw new Error(`${file}: frontmatter "negative" needs phase and type`);
      meta.negative = { phase: negative.phase, type: negative.type };
    } else if (key === 'description') {
      const text = rest === '|' || rest === '>' || rest === '' ? body.map((item) => item.trim()).join(' ').trim() : rest;
      meta.description = text.replace(/\s+/g, ' ');
    }
  }
  return meta;
}

module.exports = { parseFrontmatter };
