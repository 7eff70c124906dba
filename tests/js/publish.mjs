// The search scripts as the site publishes them, for Node's test runner: docs/assets/search/*.js
// beside the contract module the build generates (python -m gongshi.search.contract), in a
// fresh temporary folder laid out as the site is (<root>/assets/search/). ./scripts/test
// gives the project's Python as GONGSHI_PYTHON; .venv/bin/python otherwise.

import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const repo = fileURLToPath(new URL("../..", import.meta.url));
const python = process.env.GONGSHI_PYTHON || join(repo, ".venv", "bin", "python");

export function publish() {
  const root = mkdtempSync(join(tmpdir(), "gongshi-search-js-"));
  const folder = join(root, "assets", "search");
  cpSync(join(repo, "docs", "assets", "search"), folder, { recursive: true });
  execFileSync(python, ["-m", "gongshi.search.contract", "--out", folder], { stdio: ["ignore", "ignore", "inherit"] });
  return {
    root,
    load: (name) => import(pathToFileURL(join(folder, name)).href),
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}
