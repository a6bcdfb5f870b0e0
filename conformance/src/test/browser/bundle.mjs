// Bundles sdk-page.js (the AWS SDK for JavaScript v3 for the browser) into one script; prints its path.
import { build } from "esbuild";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
const out = process.argv[2];
await build({ entryPoints: [path.join(here, "sdk-page.js")], bundle: true, format: "iife", platform: "browser",
  target: "es2020", outfile: out, logLevel: "error" });
console.log(out);
