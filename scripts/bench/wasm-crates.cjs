// Sums a `twiggy top --format json` listing of the app's wasm by crate, for
// scripts/bench-wasm.sh. Prints `crate<TAB>bytes<TAB>percent` lines, largest
// first; percent of the code and data (the "function names" subsection,
// which the shipped wasm does not have, is left out).
//
// An item counts for the first crate named in it: `<F as tachys::…>::invoke`
// is tachys, `core::ops::function::impls::<impl FnOnce…>::call_once` is core
// (a closure of whatever crate, inlined there), `mtd_learn::…` is the app,
// including the view code that Leptos's macros expand into it.
"use strict";

const items = JSON.parse(require("node:fs").readFileSync(process.argv[2], "utf8"));
const sizes = new Map();
let total = 0;
for (const { name, shallow_size: size } of items) {
  if (name === '"function names" subsection') continue;
  total += size;
  let crate;
  // Standard library paths carry a disambiguator: core[c5930c85a12de822]::fmt.
  const plain = name.replace(/\[[0-9a-f]{16}\]/g, "");
  if (plain.startsWith("data segment")) crate = "(data: strings, tables)";
  else if (/^import |^__wbindgen|^__wbg_|^__externref/.test(plain)) crate = "(wasm-bindgen imports and glue)";
  else {
    // `<T as trait::Path>` with T generic or primitive (no path): the trait's
    // crate; `<some::Type as Trait>` or `<some::Type>::f`: the type's.
    const path = plain.replace(/^<(impl )?&?(mut )?(dyn )?([\w\[\]();, ]+) as /, "");
    const m = /^<?([A-Za-z_]\w*)::/.exec(path) || /([A-Za-z_]\w*)::/.exec(path);
    crate = m ? m[1] : "(wasm structure: types, tables, unnamed)";
  }
  sizes.set(crate, (sizes.get(crate) || 0) + size);
}
for (const [crate, size] of [...sizes].sort((a, b) => b[1] - a[1])) {
  process.stdout.write(`${crate}\t${size}\t${((100 * size) / total).toFixed(1)}\n`);
}
process.stdout.write(`total\t${total}\t100.0\n`);
