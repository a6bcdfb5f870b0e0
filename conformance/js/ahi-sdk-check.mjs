// ahi-sdk-check.mjs ENDPOINT DICOM_DIR RESULTS_DIR: every AHI operation through the AWS SDK for JavaScript v3.
// Credentials from AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY. Prints one line per check; exits 1 on any failure.
import * as ahi from "@aws-sdk/client-medical-imaging";
import { gunzipSync } from "node:zlib";

const [endpoint, dicomDir, resultsDir] = process.argv.slice(2);
const client = new ahi.MedicalImagingClient({ endpoint, region: "us-east-1", disableHostPrefix: true, maxAttempts: 1 });
let failures = 0;
const check = (ok, what, detail = "") => {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}${detail ? " " + detail : ""}`);
  if (!ok) failures++;
};
const send = (Command, input) => client.send(new ahi[Command](input));
async function expectError(what, Command, input, name, status) {
  try {
    const out = await send(Command, input);
    check(false, what, `answered ${JSON.stringify(out).slice(0, 200)}`);
  } catch (e) {
    check(e.name === name && e.$metadata?.httpStatusCode === status, what,
      `${e.name} ${e.$metadata?.httpStatusCode} ${e.message?.slice(0, 160)}`);
  }
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function until(what, fn, pred) {
  for (let i = 0; i < 600; i++) {
    const v = await fn();
    if (pred(v)) return v;
    await sleep(200);
  }
  throw new Error(`timed out waiting for ${what}`);
}
async function collect(paginate, input, key, pageSize) {
  const items = [];
  let pages = 0;
  for await (const page of paginate({ client, pageSize }, input)) {
    pages++;
    items.push(...page[key]);
  }
  return { items, pages };
}

const unknownId = "0123456789abcdef0123456789abcdef";
await expectError("GetDatastore unknown id", "GetDatastoreCommand", { datastoreId: unknownId },
  "ResourceNotFoundException", 404);
await expectError("GetDatastore malformed id", "GetDatastoreCommand", { datastoreId: "not-an-id" },
  "ValidationException", 400);

const created = await send("CreateDatastoreCommand", { datastoreName: "sdk-js", clientToken: `${Date.now()}`,
  tags: { origin: "js" } });
const datastoreId = created.datastoreId;
check(/^[0-9a-f]{32}$/.test(datastoreId) && ["CREATING", "ACTIVE"].includes(created.datastoreStatus),
  "CreateDatastore", `${datastoreId} ${created.datastoreStatus}`);
const ds = await until("ACTIVE", () => send("GetDatastoreCommand", { datastoreId }),
  (d) => d.datastoreProperties.datastoreStatus === "ACTIVE");
const arn = ds.datastoreProperties.datastoreArn;
check(ds.datastoreProperties.datastoreName === "sdk-js" && ds.datastoreProperties.createdAt instanceof Date
  && ds.datastoreProperties.updatedAt instanceof Date, "GetDatastore", `${arn} ${ds.datastoreProperties.createdAt.toISOString()}`);
const second = await send("CreateDatastoreCommand", { datastoreName: "sdk-js-2", clientToken: `${Date.now()}b` });
const all = await collect(ahi.paginateListDatastores, {}, "datastoreSummaries", 1);
check(all.items.some((d) => d.datastoreId === datastoreId) && all.items.some((d) => d.datastoreId === second.datastoreId)
  && all.pages >= 2, "ListDatastores paginator", `${all.items.length} in ${all.pages} pages`);
const active = await send("ListDatastoresCommand", { datastoreStatus: "ACTIVE", maxResults: 50 });
check(active.datastoreSummaries.every((d) => d.datastoreStatus === "ACTIVE"), "ListDatastores datastoreStatus filter");

// Tags
let tags = await send("ListTagsForResourceCommand", { resourceArn: arn });
check(tags.tags.origin === "js", "CreateDatastore tags, ListTagsForResource", JSON.stringify(tags.tags));
await send("TagResourceCommand", { resourceArn: arn, tags: { project: "demo", "a:b": "c d" } });
await send("UntagResourceCommand", { resourceArn: arn, tagKeys: ["origin"] });
tags = await send("ListTagsForResourceCommand", { resourceArn: arn });
check(JSON.stringify(tags.tags) === JSON.stringify({ project: "demo", "a:b": "c d" }) ||
  (tags.tags.project === "demo" && tags.tags["a:b"] === "c d" && !("origin" in tags.tags)), "TagResource, UntagResource",
  JSON.stringify(tags.tags));
await expectError("ListTagsForResource unknown ARN", "ListTagsForResourceCommand",
  { resourceArn: arn.replace(datastoreId, unknownId) }, "ResourceNotFoundException", 404);

// Import
const job = await send("StartDICOMImportJobCommand", { datastoreId, clientToken: `${Date.now()}j`,
  dataAccessRoleArn: "arn:aws:iam::000000000000:role/import", inputS3Uri: `file://${dicomDir}/`,
  outputS3Uri: `file://${resultsDir}/`, jobName: "js-import" });
check(job.datastoreId === datastoreId && job.jobStatus === "SUBMITTED" && job.submittedAt instanceof Date,
  "StartDICOMImportJob", `${job.jobId} ${job.jobStatus}`);
const done = await until("import", () => send("GetDICOMImportJobCommand", { datastoreId, jobId: job.jobId }),
  (j) => ["COMPLETED", "FAILED"].includes(j.jobProperties.jobStatus));
check(done.jobProperties.jobStatus === "COMPLETED" && done.jobProperties.endedAt instanceof Date
  && done.jobProperties.jobName === "js-import", "GetDICOMImportJob", JSON.stringify(done.jobProperties).slice(0, 300));
await expectError("GetDICOMImportJob unknown job", "GetDICOMImportJobCommand", { datastoreId, jobId: unknownId },
  "ResourceNotFoundException", 404);
const job2 = await send("StartDICOMImportJobCommand", { datastoreId, clientToken: `${Date.now()}k`,
  dataAccessRoleArn: "arn:aws:iam::000000000000:role/import", inputS3Uri: `file://${dicomDir}/`,
  outputS3Uri: `file://${resultsDir}/` });
await until("import 2", () => send("GetDICOMImportJobCommand", { datastoreId, jobId: job2.jobId }),
  (j) => ["COMPLETED", "FAILED"].includes(j.jobProperties.jobStatus));
const jobs = await collect(ahi.paginateListDICOMImportJobs, { datastoreId }, "jobSummaries", 1);
check(jobs.items.length === 2 && jobs.pages === 2 && jobs.items.every((j) => j.jobStatus === "COMPLETED"),
  "ListDICOMImportJobs paginator", `${jobs.items.length} in ${jobs.pages} pages`);
const completed = await send("ListDICOMImportJobsCommand", { datastoreId, jobStatus: "COMPLETED" });
check(completed.jobSummaries.length === 2, "ListDICOMImportJobs jobStatus filter");

// Search
const search = await collect(ahi.paginateSearchImageSets, { datastoreId },
  "imageSetsMetadataSummaries", 1);
check(search.items.length >= 1 && search.pages === search.items.length, "SearchImageSets paginator",
  `${search.items.length} in ${search.pages} pages`);
const first = search.items[0];
check(first.createdAt instanceof Date && first.DICOMTags?.DICOMStudyInstanceUID, "SearchImageSets summary",
  JSON.stringify(first).slice(0, 300));
const byStudy = await send("SearchImageSetsCommand", { datastoreId, searchCriteria: { filters: [
  { operator: "EQUAL", values: [{ DICOMStudyInstanceUID: first.DICOMTags.DICOMStudyInstanceUID }] }],
  sort: { sortField: "updatedAt", sortOrder: "DESC" } } });
check(byStudy.imageSetsMetadataSummaries.length >= 1 && byStudy.sort?.sortField === "updatedAt",
  "SearchImageSets filter and sort", JSON.stringify(byStudy.sort));
const byDate = await send("SearchImageSetsCommand", { datastoreId, searchCriteria: { filters: [
  { operator: "BETWEEN", values: [{ createdAt: new Date(Date.now() - 3600e3) }, { createdAt: new Date(Date.now() + 3600e3) }] }] } });
check(byDate.imageSetsMetadataSummaries.length === search.items.length, "SearchImageSets createdAt BETWEEN (Date values)");
await expectError("SearchImageSets bad operator", "SearchImageSetsCommand",
  { datastoreId, searchCriteria: { filters: [{ operator: "LIKE", values: [{ DICOMPatientId: "x" }] }] } },
  "ValidationException", 400);

// Image set reads
const imageSetId = first.imageSetId;
const set = await send("GetImageSetCommand", { datastoreId, imageSetId });
const v = Number(set.versionId); // two imports of the same files: the second adds a version
check(set.imageSetState === "ACTIVE" && v >= 1 && set.imageSetArn?.includes(imageSetId),
  "GetImageSet", `${set.imageSetState} v${set.versionId} ${set.imageSetWorkflowStatus}`);
await expectError("GetImageSet unknown id", "GetImageSetCommand", { datastoreId, imageSetId: unknownId },
  "ResourceNotFoundException", 404);
const meta = await send("GetImageSetMetadataCommand", { datastoreId, imageSetId });
const metaBytes = Buffer.from(await meta.imageSetMetadataBlob.transformToByteArray());
const doc = JSON.parse(gunzipSync(metaBytes));
check(meta.contentType === "application/json" && meta.contentEncoding === "gzip" && doc.Study?.Series,
  "GetImageSetMetadata (gzip stream)", `${metaBytes.length} bytes, ${Object.keys(doc.Study.Series).length} series`);
const instance = Object.values(Object.values(doc.Study.Series)[0].Instances)[0];
const frameId = instance.ImageFrames[0].ID;
const frame = await send("GetImageFrameCommand", { datastoreId, imageSetId, imageFrameInformation: { imageFrameId: frameId } });
const frameBytes = Buffer.from(await frame.imageFrameBlob.transformToByteArray());
check(frameBytes.length > 0 && /^image\/|^application\/octet-stream/.test(frame.contentType),
  "GetImageFrame (stream)", `${frame.contentType} ${frameBytes.length} bytes, starts ${frameBytes.subarray(0, 4).toString("hex")}`);
await expectError("GetImageFrame unknown frame", "GetImageFrameCommand",
  { datastoreId, imageSetId, imageFrameInformation: { imageFrameId: unknownId } }, "ResourceNotFoundException", 404);
// Every image set's instances: GetImageFrame's Content-Type is that of the stored syntax (AHI's table).
const frameTypes = { "1.2.840.10008.1.2.4.202": "image/jph", "1.2.840.10008.1.2.4.90": "image/j2c", "1.2.840.10008.1.2.4.91": "image/j2c",
  "1.2.840.10008.1.2.1": "application/octet-stream", "1.2.840.10008.1.2.4.50": "image/jpeg" };
for (const summary of search.items) {
  const m = JSON.parse(gunzipSync(Buffer.from(await (await send("GetImageSetMetadataCommand",
    { datastoreId, imageSetId: summary.imageSetId })).imageSetMetadataBlob.transformToByteArray())));
  for (const series of Object.values(m.Study.Series)) {
    for (const [sop, inst] of Object.entries(series.Instances)) {
      const f = await send("GetImageFrameCommand", { datastoreId, imageSetId: summary.imageSetId,
        imageFrameInformation: { imageFrameId: inst.ImageFrames[0].ID } });
      const bytes = Buffer.from(await f.imageFrameBlob.transformToByteArray());
      const ts = inst.StoredTransferSyntaxUID;
      check(f.contentType === frameTypes[ts] && bytes.length > 0, `GetImageFrame ${sop.slice(-12)}`,
        `${ts} ${f.contentType} ${bytes.length} bytes`);
    }
  }
}
const v1 = await send("GetImageSetMetadataCommand", { datastoreId, imageSetId, versionId: `${v}` });
check(v1.contentEncoding === "gzip", "GetImageSetMetadata versionId");

// Update, versions, copy, delete
const updates = Buffer.from(JSON.stringify({ SchemaVersion: 1.1, Study: { DICOM: { StudyDescription: "JS edit" } } }));
const upd = await send("UpdateImageSetMetadataCommand", { datastoreId, imageSetId, latestVersionId: `${v}`,
  updateImageSetMetadataUpdates: { DICOMUpdates: { updatableAttributes: updates } } });
check(upd.latestVersionId === `${v + 1}` && ["LOCKED", "ACTIVE"].includes(upd.imageSetState), "UpdateImageSetMetadata",
  `v${upd.latestVersionId} ${upd.imageSetState} ${upd.imageSetWorkflowStatus}`);
await until("update", () => send("GetImageSetCommand", { datastoreId, imageSetId }), (s) => s.imageSetState === "ACTIVE");
await expectError("UpdateImageSetMetadata stale version", "UpdateImageSetMetadataCommand", { datastoreId, imageSetId,
  latestVersionId: `${v}`, updateImageSetMetadataUpdates: { DICOMUpdates: { updatableAttributes: updates } } },
  "ConflictException", 409);
const versions = await collect(ahi.paginateListImageSetVersions, { datastoreId, imageSetId },
  "imageSetPropertiesList", 1);
check(versions.items.length === v + 1 && versions.pages === v + 1, "ListImageSetVersions paginator",
  `${versions.items.map((v) => v.versionId + ":" + v.imageSetState).join(",")} in ${versions.pages} pages`);
const copy = await send("CopyImageSetCommand", { datastoreId, sourceImageSetId: imageSetId,
  copyImageSetInformation: { sourceImageSet: { latestVersionId: `${v + 1}` } } });
const copyId = copy.destinationImageSetProperties.imageSetId;
check(copy.sourceImageSetProperties.imageSetId === imageSetId && copyId && copyId !== imageSetId, "CopyImageSet",
  `${copyId} ${copy.destinationImageSetProperties.imageSetState}`);
await until("copy", () => send("GetImageSetCommand", { datastoreId, imageSetId: copyId }), (s) => s.imageSetState === "ACTIVE");
const del = await send("DeleteImageSetCommand", { datastoreId, imageSetId: copyId });
check(del.imageSetId === copyId && ["LOCKED", "DELETED"].includes(del.imageSetState), "DeleteImageSet",
  `${del.imageSetState} ${del.imageSetWorkflowStatus}`);
await until("delete", () => send("GetImageSetCommand", { datastoreId, imageSetId: copyId }).catch((e) => e),
  (s) => s instanceof Error || s.imageSetState === "DELETED");
await expectError("DeleteDatastore with image sets", "DeleteDatastoreCommand", { datastoreId }, "ConflictException", 409);
const delDs = await send("DeleteDatastoreCommand", { datastoreId: second.datastoreId });
check(["DELETING", "DELETED"].includes(delDs.datastoreStatus), "DeleteDatastore", delDs.datastoreStatus);
await expectError("CreateDatastore bad name", "CreateDatastoreCommand", { datastoreName: "bad name!" + "x".repeat(300) },
  "ValidationException", 400);
const unsigned = new ahi.MedicalImagingClient({ endpoint, region: "us-east-1", disableHostPrefix: true, maxAttempts: 1,
  credentials: { accessKeyId: "AKIDUNKNOWN", secretAccessKey: "wrong" } });
try {
  await unsigned.send(new ahi.ListDatastoresCommand({}));
  check(false, "unknown access key refused");
} catch (e) {
  check(["UnrecognizedClientException", "AccessDeniedException", "InvalidSignatureException"].includes(e.name)
    && [400, 403].includes(e.$metadata.httpStatusCode), "unknown access key refused", `${e.name} ${e.$metadata.httpStatusCode}`);
}
console.log(failures ? `${failures} check(s) failed` : "all checks passed");
process.exit(failures ? 1 : 0);
