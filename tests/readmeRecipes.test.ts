/*
 * readmeRecipes.test: the README's "Use in your build" recipes are the files tests/packed.test.ts
 * builds and runs, byte for byte: each code block there is preceded by a `<!-- recipe: path -->`
 * marker and must equal that file, and every config file of the recipe folders is shown.
 * Must never: accept a code block in that section without a marker, or a marker without its file.
 */
import * as fs from 'fs';
import * as path from 'path';

const root = path.join(__dirname, '..');
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## Use in your build'), readme.indexOf('\n## ', readme.indexOf('## Use in your build') + 1));
const BLOCK = /(?:<!-- recipe: (\S+) -->\n)?```(\w*)\n([\s\S]*?)```/g;
const blocks = [...section.matchAll(BLOCK)].map((match) => ({ file: match[1] ?? null, language: match[2], body: match[3] }));

test('the section has recipes, and every code block in it names its file', () => {
  expect(blocks.length).toBeGreaterThanOrEqual(10);
  expect(blocks.filter((block) => block.file === null).map((block) => block.body)).toEqual([]);
});

test.each(blocks.filter((block) => block.file !== null).map((block) => [block.file!, block.body]))('%s is byte-identical to its README block', (file, body) => {
  expect(body).toBe(fs.readFileSync(path.join(root, file), 'utf8'));
});

test('every recipe file the packed test copies into a project is shown in the README', () => {
  const shown = new Set(blocks.map((block) => block.file));
  const recipeFiles = ['recipes7/babel.config.js', 'recipes7/babel.runtime-corejs.config.js', 'recipes7/webpack.config.js', 'recipes7/library.babel.config.json',
    'recipes7/modern/rollup.config.mjs', 'recipes7/modern/vite.config.mjs', 'recipes7/modern/esbuild.mjs', 'recipes7/jest-app/babel.config.js',
    'recipes8/babel.config.mjs', 'recipes-webpack4/webpack.config.js'];
  for (const file of recipeFiles) expect(shown).toContain(`tests/support/packed/${file}`);
});
