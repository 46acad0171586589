// shims/path: the POSIX path functions that @babel/core calls in the browser (it resolves the
// virtual file name "program.js" against cwd "/"); nothing here touches a file system.
// Must never: be used for anything but those name computations.
function normalizeParts(parts, absolute) {
  const out = [];
  for (const part of parts) {
    if (!part || part === '.') continue;
    if (part === '..') {
      if (out.length && out[out.length - 1] !== '..') out.pop();
      else if (!absolute) out.push('..');
    } else out.push(part);
  }
  return out;
}
export const sep = '/';
export const delimiter = ':';
export function isAbsolute(p) {
  return String(p).startsWith('/');
}
export function normalize(p) {
  const absolute = isAbsolute(p);
  const joined = normalizeParts(String(p).split('/'), absolute).join('/');
  return (absolute ? '/' : '') + (joined || (absolute ? '' : '.'));
}
export function join(...parts) {
  return normalize(parts.filter((part) => part !== '').join('/'));
}
export function resolve(...parts) {
  let resolved = '';
  for (let i = parts.length - 1; i >= 0 && !isAbsolute(resolved); i--) if (parts[i]) resolved = parts[i] + (resolved ? '/' + resolved : '');
  if (!isAbsolute(resolved)) resolved = '/' + resolved;
  return normalize(resolved);
}
export function relative(from, to) {
  const a = resolve(from).split('/').filter(Boolean);
  const b = resolve(to).split('/').filter(Boolean);
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  return [...a.slice(common).map(() => '..'), ...b.slice(common)].join('/');
}
export function dirname(p) {
  const parts = String(p).split('/');
  parts.pop();
  const dir = parts.join('/');
  return dir || (isAbsolute(p) ? '/' : '.');
}
export function basename(p, ext) {
  const base = String(p).split('/').pop() ?? '';
  return ext && base.endsWith(ext) ? base.slice(0, -ext.length) : base;
}
export function extname(p) {
  const base = basename(p);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot) : '';
}
export const posix = { sep, delimiter, isAbsolute, normalize, join, resolve, relative, dirname, basename, extname };
export default posix;
