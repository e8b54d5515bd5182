// Parse one file with STIG Manager's own review parsers (npm package
// @nuwcdivnpt/stig-manager-client-modules) and print what STIG Manager would
// import: one JSON line per file,
//   { file, error, target, checklists: [{ benchmarkId, revisionStr, reviews }] }
// (error: the parser's message when it refused the file, else null).
//   node stigman-parse.mjs MODULE_DIR ckl|cklb|xccdf FILE...
// The import options make a missing detail visible (emptyDetail "ignore":
// detail null) instead of replacing it with STIG Manager's generic text.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

const [moduleDir, kind, ...files] = process.argv.slice(2)
const mod = await import(pathToFileURL(join(moduleDir, 'node_modules/@nuwcdivnpt/stig-manager-client-modules/index.js')).href)
const parsers = { ckl: mod.reviewsFromCkl, cklb: mod.reviewsFromCklb, xccdf: mod.reviewsFromXccdf }
if (!parsers[kind]) { console.error(`unknown kind ${kind}`); process.exit(2) }
for (const file of files) {
  const params = {
    data: readFileSync(file, 'utf8'),
    fieldSettings: { detail: { enabled: 'always', required: 'always' }, comment: { enabled: 'findings', required: 'optional' } },
    allowAccept: true,
    importOptions: {
      autoStatus: 'submitted', unreviewed: 'always', unreviewedCommented: 'informational',
      emptyDetail: 'ignore', emptyComment: 'ignore', allowCustom: true
    },
    scapBenchmarkMap: new Map(),
    sourceRef: file
  }
  let out
  try {
    const r = parsers[kind](params)
    out = { file, error: null, target: r.target, checklists: r.checklists.map(c => ({ benchmarkId: c.benchmarkId, revisionStr: c.revisionStr, reviews: c.reviews })) }
  } catch (e) {
    out = { file, error: String(e.message) }
  }
  console.log(JSON.stringify(out))
}
