// Parse one file with STIG Manager's own review parsers (npm package
// @nuwcdivnpt/stig-manager-client-modules) and print what STIG Manager would
// import, as JSON: { target, checklists: [{ benchmarkId, reviews }] }.
//   node stigman-parse.mjs MODULE_DIR ckl|cklb|xccdf FILE
// The import options make a missing detail visible (emptyDetail "ignore":
// detail null) instead of replacing it with STIG Manager's generic text.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

const [moduleDir, kind, file] = process.argv.slice(2)
const mod = await import(pathToFileURL(join(moduleDir, 'node_modules/@nuwcdivnpt/stig-manager-client-modules/index.js')).href)
const parsers = { ckl: mod.reviewsFromCkl, cklb: mod.reviewsFromCklb, xccdf: mod.reviewsFromXccdf }
if (!parsers[kind]) { console.error(`unknown kind ${kind}`); process.exit(2) }
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
try {
  const r = parsers[kind](params)
  console.log(JSON.stringify({ target: r.target, checklists: r.checklists.map(c => ({ benchmarkId: c.benchmarkId, revisionStr: c.revisionStr, reviews: c.reviews })) }, null, 1))
} catch (e) {
  console.error(`${file}: STIG Manager's parser refused it: ${e.message}`)
  process.exit(1)
}
