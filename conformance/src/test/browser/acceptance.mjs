// BrowserIT's browser half: Debian's Chromium driven by puppeteer-core. Reads a JSON job (argv[2]), writes
// screenshots and a JSON report to job.out; the Java test asserts on both. Steps: the AWS SDK for JavaScript v3 page
// from an allowed and a refused origin; sign-in, then OHIF's study list and a CT slice before and after a
// window/level drag; the history view's versions, diff and authors, then a revert from the page.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import puppeteer from "puppeteer-core";

const job = JSON.parse(readFileSync(process.argv[2], "utf8"));
const report = { steps: [] };
const shot = (page, name, options = {}) => page.screenshot({ path: path.join(job.out, name + ".png"), ...options });
const step = async (name, work) => {
  const started = Date.now();
  try {
    report[name] = await work();
  } catch (e) {
    report[name] = { error: String(e && e.stack || e) };
  }
  report.steps.push({ name, millis: Date.now() - started });
};

const browser = await puppeteer.launch({ executablePath: job.chromium, headless: true,
  args: ["--no-sandbox", "--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--disable-dev-shm-usage"] });
try {
  const sdk = async (origin) => {
    const page = await browser.newPage();
    await page.goto(origin + "/sdk.html", { waitUntil: "load" });
    const result = await page.evaluate((config) => window.runAhi(config).catch((e) => ({ error: String(e) })),
      { endpoint: job.server, region: job.region, accessKeyId: job.accessKeyId, secretAccessKey: job.secretAccessKey,
        datastoreId: job.datastoreId });
    await page.close();
    return result;
  };
  await step("sdkAllowed", () => sdk(job.allowedOrigin));
  await step("sdkRefused", () => sdk(job.refusedOrigin));

  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 860 });
  page.on("dialog", (dialog) => dialog.accept());
  await step("signIn", async () => {
    await page.goto(job.server + "/viewer/", { waitUntil: "networkidle2" });
    const redirectedTo = page.url();
    await page.type("input[name=accessKeyId]", job.accessKeyId);
    await page.type("input[name=secretAccessKey]", job.secretAccessKey);
    await shot(page, "signin");
    await Promise.all([page.waitForNavigation({ waitUntil: "networkidle2" }), page.click("button[type=submit]")]);
    return { redirectedTo, landedOn: page.url() };
  });
  await step("studyList", async () => {
    await page.waitForFunction((text) => document.body.innerText.includes(text), { timeout: 30000 }, job.ctPatientId);
    await shot(page, "ohif-study-list");
    return { text: await page.evaluate(() => document.body.innerText) };
  });
  await step("ohifSlice", async () => {
    await page.goto(job.server + "/viewer/viewer?StudyInstanceUIDs=" + job.ctStudyUid, { waitUntil: "networkidle2" });
    await page.waitForSelector("canvas.cornerstone-canvas", { timeout: 30000 });
    // The first image is drawn once the W/L overlay shows its values.
    await page.waitForFunction(() => /W:\s*\d/.test(document.body.innerText), { timeout: 30000 });
    await page.evaluate(() => [...document.querySelectorAll("button,span,div")].find((e) => e.textContent?.trim() === "Skip all")?.click());
    await new Promise((resolve) => setTimeout(resolve, 500));
    const canvas = await page.$("canvas.cornerstone-canvas");
    const box = await canvas.boundingBox();
    const clip = { x: box.x, y: box.y, width: Math.floor(box.width), height: Math.floor(box.height) };
    await shot(page, "ohif-ct");
    await shot(page, "ohif-ct-canvas-before", { clip });
    const before = await page.evaluate(() => document.body.innerText.match(/W:\s*[-\d.]+\s*L:\s*[-\d.]+/)?.[0]);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2 + 80, { steps: 10 });
    await page.mouse.up();
    await page.waitForFunction((old) => document.body.innerText.match(/W:\s*[-\d.]+\s*L:\s*[-\d.]+/)?.[0] !== old,
      { timeout: 10000 }, before);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await shot(page, "ohif-ct-canvas-after", { clip });
    const after = await page.evaluate(() => document.body.innerText.match(/W:\s*[-\d.]+\s*L:\s*[-\d.]+/)?.[0]);
    return { before, after };
  });
  const imageSetPage = `${job.server}/ui/#/datastore/${job.datastoreId}/imageSet/${job.imageSetId}`;
  const versions = () => page.$$eval("#versions li", (items) => items.map((item) => ({
    version: item.dataset.version, text: item.innerText })));
  await step("history", async () => {
    await page.goto(imageSetPage, { waitUntil: "networkidle2" });
    await page.waitForSelector("#diff table.diff", { timeout: 30000 });
    await page.waitForSelector("#frame-image", { timeout: 30000 });
    await page.waitForFunction(() => document.getElementById("frame-image").complete
      && document.getElementById("frame-image").naturalWidth > 0, { timeout: 30000 });
    await shot(page, "history", { fullPage: true });
    const rows = await page.$$eval("#diff table.diff tr[data-attribute]", (trs) => trs.map((tr) => ({
      attribute: tr.dataset.attribute, change: tr.className, cells: [...tr.cells].map((c) => c.innerText) })));
    return { versions: await versions(), rows, author: await page.$eval("#diff-author", (e) => e.innerText) };
  });
  await step("revert", async () => {
    await page.click(`button[data-revert="${job.revertTo}"]`);
    await page.waitForFunction(() => document.querySelectorAll("#versions li").length === 4, { timeout: 30000 });
    await page.waitForSelector("#diff table.diff", { timeout: 30000 });
    await shot(page, "history-after-revert", { fullPage: true });
    return { versions: await versions() };
  });
  await step("datastorePage", async () => {
    await page.goto(`${job.server}/ui/#/datastore/${job.datastoreId}`, { waitUntil: "networkidle2" });
    await page.waitForSelector("#jobs progress", { timeout: 30000 });
    await shot(page, "datastore", { fullPage: true });
    return { progress: await page.$$eval("#jobs progress", (bars) => bars.map((b) => [b.value, b.max])) };
  });
} finally {
  await browser.close();
  writeFileSync(path.join(job.out, "report.json"), JSON.stringify(report, null, 2));
}
